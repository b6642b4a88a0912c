package io.github.discoverysdk.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlGuardTest {
  private final UrlGuard guard = UrlGuard.strict();

  private String refusal(String url) {
    URI u = URI.create(url);
    return guard.refusal(u.getScheme(), u.getRawUserInfo(), u.getHost());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/",
        "http://127.1/",
        "http://2130706433/",
        "http://0.0.0.0/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[fd00:ec2::254]/",
        "http://[fe80::1]/",
        "http://[64:ff9b::a00:1]/",
        "http://[2002:7f00:1::]/",
        "http://224.0.0.1/",
        "http://localhost/",
        "http://foo.localhost/",
        "http://metadata.google.internal/",
        "file:///etc/passwd",
        "gopher://example.com/",
        "ftp://example.com/",
        "https://hooks.slack.com@127.0.0.1/",
        "http://[::]/"
      })
  void refusesNonPublicTargets(String url) {
    assertThat(refusal(url)).as(url).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://boards-api.greenhouse.io/v1/boards/x/jobs",
        "https://8.8.8.8/",
        "https://[2606:4700::1111]/",
        "http://data.sec.gov/submissions/CIK1.json"
      })
  void acceptsPublicTargets(String url) {
    assertThat(refusal(url)).as(url).isNull();
  }

  @Test
  void aLookupWithAnyPrivateAddressIsRefusedWhole() throws Exception {
    List<InetAddress> mixed =
        List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5"));

    assertThatThrownBy(() -> guard.filter("rebind.example", mixed))
        .isInstanceOf(UnknownHostException.class);
    assertThatThrownBy(() -> guard.filter("empty.example", List.of()))
        .isInstanceOf(UnknownHostException.class);
    assertThat(guard.filter("ok.example", List.of(InetAddress.getByName("93.184.216.34"))))
        .hasSize(1);
  }

  @Test
  void allowedHostsPassOnlyByExactName() {
    UrlGuard g = UrlGuard.strict().allowingHosts("127.0.0.1");

    assertThat(g.refusal("http", null, "127.0.0.1")).isNull();
    assertThat(g.refusal("http", null, "127.0.0.2")).isNotNull();
  }
}

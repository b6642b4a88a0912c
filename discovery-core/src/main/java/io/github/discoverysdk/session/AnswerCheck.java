package io.github.discoverysdk.session;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.session.catalogue.Question;
import io.github.discoverysdk.session.catalogue.SizingParameter;
import io.github.discoverysdk.session.catalogue.Vendor;
import io.github.discoverysdk.support.Fields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates an answer against its question and returns it in stored form: vendors by their
 * canonical catalogue name, each once, in the order given. Stateless.
 */
final class AnswerCheck {
  /** Longest free-text answer. */
  static final int MAX_TEXT = 2_000_000;

  /** Most vendors per selection. */
  static final int MAX_VENDORS = 200;

  private AnswerCheck() {}

  static Answer check(Catalogue catalogue, Question q, Answer a) {
    String field = "answer to " + q.id();
    if (a.type() != q.type()) {
      throw new ValidationException(field + " must be " + q.type() + ", was " + a.type());
    }
    switch (q.type()) {
      case TEXT:
        Fields.text(field, a.value(), MAX_TEXT);
        return a;
      case RADIO:
        if (q.option(a.value()).isEmpty()) {
          throw new ValidationException(
              field
                  + " must be one of "
                  + q.options().stream().map(o -> o.id()).toList()
                  + ", was "
                  + a.value());
        }
        return a;
      case VENDOR_MULTI:
        return vendors(catalogue, q, a, field);
      default:
        return sizing(q, a, field);
    }
  }

  private static Answer vendors(Catalogue catalogue, Question q, Answer a, String field) {
    if (a.count() > MAX_VENDORS) {
      throw new ValidationException(
          field + " must name at most " + MAX_VENDORS + " vendors, named " + a.count());
    }
    Set<String> selected = new LinkedHashSet<>();
    for (String name : a.selected()) {
      Fields.identifier(field + ".selected", name, 200);
      Optional<Vendor> v = catalogue.vendor(name);
      if (v.isEmpty()) {
        throw new ValidationException(
            field
                + ": vendor "
                + name
                + " is not in the catalogue; mark it as free-form to keep it");
      }
      if (q.categories().stream().noneMatch(v.get()::in)) {
        throw new ValidationException(
            field + ": vendor " + v.get().name() + " is not in the categories " + q.categories());
      }
      selected.add(v.get().name());
    }
    Set<String> freeForm = new LinkedHashSet<>();
    for (String name : a.freeForm()) {
      Fields.identifier(field + ".freeForm", name, 200);
      catalogue
          .vendor(name)
          .ifPresent(
              v -> {
                throw new ValidationException(
                    field + ": free-form vendor " + name + " is the catalogue's " + v.name());
              });
      freeForm.add(name);
    }
    return Answer.vendors(new ArrayList<>(selected), new ArrayList<>(freeForm));
  }

  private static Answer sizing(Question q, Answer a, String field) {
    if (a.sizing().isEmpty()) {
      throw new ValidationException(field + " must give at least one sizing value");
    }
    for (Map.Entry<String, Double> e : a.sizing().entrySet()) {
      SizingParameter p =
          q.parameter(e.getKey())
              .orElseThrow(
                  () ->
                      new ValidationException(
                          field
                              + ": unknown sizing parameter "
                              + e.getKey()
                              + ", expected one of "
                              + q.parameters().stream().map(SizingParameter::id).toList()));
      if (e.getValue() == null || !p.accepts(e.getValue())) {
        throw new ValidationException(
            field
                + "."
                + p.id()
                + " must be a number between "
                + p.min()
                + " and "
                + p.max()
                + " "
                + p.unit()
                + ", was "
                + e.getValue());
      }
    }
    return a;
  }

  /** The vendors of a selection for an audit or export line. */
  static List<String> allVendors(Answer a) {
    List<String> all = new ArrayList<>(a.selected());
    all.addAll(a.freeForm());
    return all;
  }
}

package io.github.discoverysdk.connectors;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader: fields separated by commas, records by CRLF (or a bare LF), a field in
 * double quotes may hold commas, line breaks and doubled quotes. Anything else is an error naming
 * the line: a quote inside an unquoted field, text after a closing quote, a quoted field that never
 * closes. Bounded against hostile input: a field longer than {@code maxFieldChars}, a record of
 * more than {@code maxFields} fields or a file past {@code maxChars} stops the read with an error
 * instead of growing memory. Empty lines are skipped; a leading byte order mark is dropped. Not
 * thread-safe.
 */
final class CsvReader {
  /** A malformed or oversized file; the message names the line. */
  static final class CsvException extends Exception {
    private static final long serialVersionUID = 1L;

    CsvException(String message) {
      super(message);
    }
  }

  private final Reader in;
  private final int maxFieldChars;
  private final int maxFields;
  private final long maxChars;
  private long chars;
  private long line = 1;
  private long recordLine;
  private int pushedBack = -2;
  private boolean started;

  CsvReader(Reader in, int maxFieldChars, int maxFields, long maxChars) {
    this.in = in;
    this.maxFieldChars = maxFieldChars;
    this.maxFields = maxFields;
    this.maxChars = maxChars;
  }

  /** The line the last record returned by {@link #next} started on, from 1. */
  long recordLine() {
    return recordLine;
  }

  /** The next record's fields, or {@code null} at the end of the input. */
  List<String> next() throws IOException, CsvException {
    while (true) {
      int c = read();
      if (c == -1) {
        return null;
      }
      if (c == '\r' || c == '\n') {
        endOfLine(c);
        continue; // an empty line
      }
      unread(c);
      recordLine = line;
      return record();
    }
  }

  private List<String> record() throws IOException, CsvException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    while (true) {
      int c = read();
      if (c == '"' && field.isEmpty()) {
        quoted(field);
        c = read();
        if (c != ',' && c != '\r' && c != '\n' && c != -1) {
          throw error("text after the closing quote of field " + (fields.size() + 1));
        }
      } else {
        while (c != ',' && c != '\r' && c != '\n' && c != -1) {
          if (c == '"') {
            throw error(
                "a quote inside unquoted field " + (fields.size() + 1) + " (quote the field)");
          }
          append(field, c, fields.size());
          c = read();
        }
      }
      if (fields.size() >= maxFields) {
        throw error("more than " + maxFields + " fields");
      }
      fields.add(field.toString());
      field.setLength(0);
      if (c == ',') {
        continue;
      }
      if (c != -1) {
        endOfLine(c);
      }
      return fields;
    }
  }

  private void quoted(StringBuilder field) throws IOException, CsvException {
    long opened = line;
    while (true) {
      int c = read();
      if (c == -1) {
        throw new CsvException("line " + opened + ": a quoted field never closes");
      }
      if (c == '"') {
        int n = read();
        if (n != '"') {
          unread(n);
          return;
        }
      } else if (c == '\n') {
        line++;
      } else if (c == '\r') {
        int n = read();
        if (n != '\n') {
          unread(n);
        } else {
          append(field, c, 0);
          c = n;
        }
        line++;
      }
      append(field, c, 0);
    }
  }

  private void append(StringBuilder field, int c, int index) throws CsvException {
    if (field.length() >= maxFieldChars) {
      throw error("field " + (index + 1) + " is longer than " + maxFieldChars + " characters");
    }
    field.append((char) c);
  }

  private void endOfLine(int c) throws IOException, CsvException {
    if (c == '\r') {
      int n = read();
      if (n != '\n') {
        unread(n);
      }
    }
    line++;
  }

  private int read() throws IOException, CsvException {
    if (pushedBack != -2) {
      int c = pushedBack;
      pushedBack = -2;
      return c;
    }
    int c = in.read();
    if (!started) {
      started = true;
      if (c == '\uFEFF') {
        c = in.read();
      }
    }
    if (c != -1 && ++chars > maxChars) {
      throw error("the file is longer than " + maxChars + " characters");
    }
    return c;
  }

  private void unread(int c) {
    pushedBack = c;
  }

  private CsvException error(String what) {
    return new CsvException("line " + line + ": " + what);
  }
}

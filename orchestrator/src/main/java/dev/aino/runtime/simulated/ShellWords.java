package dev.aino.runtime.simulated;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a shell script into statements of words, the way {@code sh} tokenizes: whitespace
 * separates words, single quotes keep everything literal, double quotes keep everything but {@code
 * \"} and {@code \\}, a backslash outside quotes escapes the next character, and {@code ;}, {@code
 * &&} and line breaks end a statement. Nothing is expanded.
 */
final class ShellWords {
  private final String script;
  private final List<List<String>> statements = new ArrayList<>();
  private List<String> words = new ArrayList<>();
  private StringBuilder word;
  private int pos;

  private ShellWords(String script) {
    this.script = script;
  }

  /** The script's statements, each a non-empty list of words. */
  static List<List<String>> statements(String script) {
    ShellWords parser = new ShellWords(script);
    parser.scan();
    return parser.statements;
  }

  private void scan() {
    while (pos < script.length()) {
      char c = script.charAt(pos++);
      if (c == '\'') {
        int end = script.indexOf('\'', pos);
        end = end < 0 ? script.length() : end;
        current().append(script, pos, end);
        pos = Math.min(script.length(), end + 1);
      } else if (c == '"') {
        doubleQuoted();
      } else if (c == '\\' && pos < script.length()) {
        current().append(script.charAt(pos++));
      } else if (c == ';' || c == '\n') {
        endStatement();
      } else if (c == '&' && pos < script.length() && script.charAt(pos) == '&') {
        pos++;
        endStatement();
      } else if (Character.isWhitespace(c)) {
        endWord();
      } else {
        current().append(c);
      }
    }
    endStatement();
  }

  private void doubleQuoted() {
    StringBuilder out = current();
    while (pos < script.length()) {
      char c = script.charAt(pos++);
      if (c == '"') {
        return;
      }
      if (c == '\\' && pos < script.length() && "\"\\$`".indexOf(script.charAt(pos)) >= 0) {
        c = script.charAt(pos++);
      }
      out.append(c);
    }
  }

  /** The word being built; quotes start one even when empty, as in {@code trap '' TERM}. */
  private StringBuilder current() {
    if (word == null) {
      word = new StringBuilder();
    }
    return word;
  }

  private void endWord() {
    if (word != null) {
      words.add(word.toString());
      word = null;
    }
  }

  private void endStatement() {
    endWord();
    if (!words.isEmpty()) {
      statements.add(List.copyOf(words));
      words = new ArrayList<>();
    }
  }
}

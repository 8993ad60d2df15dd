package org.nudge.adapter.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.nudge.engine.model.Form;

/**
 * Carries a {@link Form} inside the value of the button that opens it. A click then opens the modal
 * straight away, inside the 3 seconds its trigger id lives, on whichever node Slack sends the click
 * to, without asking the engine or keeping state in memory. Forms too big for Slack's 2,000
 * character button value are left out; the click then goes to the engine as an ordinary action.
 */
final class FormCodec {

  static final String PREFIX = "form1:";
  static final int MAX_VALUE = 2000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private FormCodec() {}

  /** The button value for {@code form}, or empty when it doesn't fit. */
  static Optional<String> encode(Form form) {
    try {
      byte[] json = JSON.writeValueAsBytes(form);
      Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
      deflater.setInput(json);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[1024];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      deflater.end();
      String value =
          PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
      return value.length() <= MAX_VALUE ? Optional.of(value) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The form a button value carries, or empty for any other value. */
  static Optional<Form> decode(String value) {
    if (value == null || !value.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      byte[] compressed = Base64.getUrlDecoder().decode(value.substring(PREFIX.length()));
      Inflater inflater = new Inflater();
      inflater.setInput(compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        out.write(buffer, 0, n);
        if (out.size() > 64 * 1024) {
          return Optional.empty();
        }
      }
      inflater.end();
      return Optional.of(
          JSON.readValue(new String(out.toByteArray(), StandardCharsets.UTF_8), Form.class));
    } catch (IllegalArgumentException | IOException | DataFormatException e) {
      return Optional.empty();
    }
  }
}

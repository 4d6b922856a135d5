package dev.aino.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.ValueInstantiators;
import com.fasterxml.jackson.databind.deser.impl.PropertyValueBuffer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.ValidationException;
import dev.aino.json.IsoInstants;
import dev.aino.json.Json;
import dev.aino.model.StoredObject;
import java.io.IOException;
import java.util.List;

/**
 * The stored document: {@code {"schemaVersion":1,"object":{...}}}, the object without its revision
 * (the backend's mod revision is the revision). Written and read by streaming straight between
 * bytes and the record, with no intermediate tree: the record's constructor runs once per read,
 * with the mod revision already in its arguments, so a read validates the document exactly once.
 */
final class DocumentCodec {
  /** Version of the stored document layout; a reader refuses documents from a newer one. */
  static final int SCHEMA_VERSION = 1;

  private static final String VERSION_FIELD = "schemaVersion";
  private static final String OBJECT_FIELD = "object";
  private static final String REVISION = "revision";

  /**
   * Where a read hands the mod revision to {@link RevisionInstantiator}, on the reading thread. Not
   * a reader attribute: {@code ObjectReader.withAttribute} copies the reader and its configuration,
   * a tenth of the cost of decoding a whole instance.
   */
  private static final ThreadLocal<long[]> READ_REVISION =
      ThreadLocal.withInitial(() -> new long[1]);

  /** Documents of ~400 bytes are the common case; the builder grows for larger ones. */
  private static final int INITIAL_BUFFER = 512;

  private static final ObjectMapper MAPPER =
      Json.mapper()
          .copy()
          .registerModule(new StoredObjectsModule())
          .registerModule(IsoInstants.module());
  private static final JsonFactory FACTORY = MAPPER.getFactory();
  private static final ClassValue<ObjectReader> READERS =
      new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
          return MAPPER.readerFor(type);
        }
      };
  private static final ClassValue<ObjectWriter> WRITERS =
      new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
          return MAPPER.writerFor(type);
        }
      };

  private DocumentCodec() {}

  /** The document of {@code object}. */
  static byte[] encode(StoredObject<?> object) {
    ByteArrayBuilder out = new ByteArrayBuilder(INITIAL_BUFFER);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField(VERSION_FIELD, SCHEMA_VERSION);
      g.writeFieldName(OBJECT_FIELD);
      WRITERS.get(object.getClass()).writeValue(g, object);
      g.writeEndObject();
    } catch (IOException e) {
      throw new AinoException(
          ErrorCode.INTERNAL, "cannot encode " + object.getClass().getSimpleName(), e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a document stored at {@code modRevision}.
   *
   * @throws ValidationException for anything but a valid document of a known schema version
   */
  static <T extends StoredObject<T>> T decode(Class<T> type, byte[] document, long modRevision) {
    ObjectReader reader = READERS.get(type);
    long[] revision = READ_REVISION.get();
    revision[0] = modRevision;
    try (JsonParser p = FACTORY.createParser(document)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notADocument();
      }
      int version = -1;
      T object = null;
      JsonNode objectBeforeVersion = null;
      boolean sawObject = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (VERSION_FIELD.equals(field)) {
          version = p.getValueAsInt(-1);
        } else if (OBJECT_FIELD.equals(field)) {
          if (value != JsonToken.START_OBJECT) {
            throw notADocument();
          }
          sawObject = true;
          if (version == -1) {
            // Another writer put the object first: keep it until the version is known.
            objectBeforeVersion = p.readValueAsTree();
          } else {
            checkVersion(version);
            object = readObject(reader, p);
          }
        } else {
          p.skipChildren();
        }
      }
      if (!sawObject) {
        throw notADocument();
      }
      checkVersion(version);
      return objectBeforeVersion == null ? object : readObject(reader, objectBeforeVersion);
    } catch (IOException e) {
      throw new ValidationException(
          "", "is not JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
  }

  private static <T> T readObject(ObjectReader reader, JsonParser p) {
    try {
      return reader.readValue(p);
    } catch (IOException | IllegalArgumentException e) {
      throw Json.toValidation(e, "");
    }
  }

  private static <T> T readObject(ObjectReader reader, JsonNode object) {
    try {
      return reader.readValue(object);
    } catch (IOException | IllegalArgumentException e) {
      throw Json.toValidation(e, "");
    }
  }

  private static void checkVersion(int version) {
    if (version < 1 || version > SCHEMA_VERSION) {
      throw new ValidationException(
          VERSION_FIELD,
          "must be 1.." + SCHEMA_VERSION + " (a newer aino wrote it?), got " + version);
    }
  }

  private static ValidationException notADocument() {
    return new ValidationException("", "is not an aino document");
  }

  private static boolean isStored(Class<?> type) {
    return StoredObject.class.isAssignableFrom(type);
  }

  /** How stored records differ in documents from their API form: the revision. */
  private static final class StoredObjectsModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    StoredObjectsModule() {
      super("aino-store-documents");
      setSerializerModifier(new WithoutRevision());
    }

    @Override
    public void setupModule(SetupContext context) {
      super.setupModule(context);
      context.addValueInstantiators(new RevisionInstantiators());
    }
  }

  /** Leaves the revision out of stored objects: the backend keeps it as the mod revision. */
  private static final class WithoutRevision extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public List<BeanPropertyWriter> changeProperties(
        SerializationConfig config, BeanDescription description, List<BeanPropertyWriter> props) {
      if (isStored(description.getBeanClass())) {
        props.removeIf(p -> p.getName().equals(REVISION));
      }
      return props;
    }
  }

  private static final class RevisionInstantiators extends ValueInstantiators.Base {
    @Override
    public ValueInstantiator findValueInstantiator(
        DeserializationConfig config, BeanDescription description, ValueInstantiator found) {
      return isStored(description.getBeanClass()) ? new RevisionInstantiator(found) : found;
    }
  }

  /**
   * Constructs a stored record with the mod revision of the read as its {@code revision} argument,
   * so that the record is built, and validated, once rather than built and then copied.
   */
  private static final class RevisionInstantiator extends ValueInstantiator.Delegating {
    private static final long serialVersionUID = 1L;

    RevisionInstantiator(ValueInstantiator delegate) {
      super(delegate);
    }

    @Override
    public ValueInstantiator createContextual(
        DeserializationContext context, BeanDescription description)
        throws com.fasterxml.jackson.databind.JsonMappingException {
      ValueInstantiator contextual = delegate().createContextual(context, description);
      return contextual == delegate() ? this : new RevisionInstantiator(contextual);
    }

    @Override
    public Object createFromObjectWith(
        DeserializationContext context, SettableBeanProperty[] props, PropertyValueBuffer buffer)
        throws IOException {
      Object[] args = buffer.getParameters(props);
      for (SettableBeanProperty prop : props) {
        if (prop.getName().equals(REVISION)) {
          args[prop.getCreatorIndex()] = READ_REVISION.get()[0];
          break;
        }
      }
      return delegate().createFromObjectWith(context, args);
    }
  }
}

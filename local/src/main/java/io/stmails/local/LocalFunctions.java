package io.stmails.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.stmails.catalog.FunctionCatalog;
import io.stmails.handler.UnreadableEventException;
import io.stmails.wiring.Components;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every function of the catalog, instantiated once with the local {@link Components} and invoked the
 * way Lambda invokes it: raw event JSON in, the result's JSON out; the stream handlers (HTTP functions,
 * {@code ses-notifications}) read and write it themselves, the others' events and results go through
 * the Lambda runtime's own serializers.
 */
final class LocalFunctions {
    static final long TIMEOUT_MILLIS = 60_000;

    private final Map<FunctionCatalog, Invocable> functions = new EnumMap<>(FunctionCatalog.class);

    LocalFunctions(Components parts) {
        for (FunctionCatalog function : FunctionCatalog.values()) {
            functions.put(function, Invocable.create(function, parts));
        }
    }

    /**
     * Runs the function on a raw JSON event and returns its JSON result.
     *
     * @throws InvalidEventException when the event does not deserialize into the function's input type
     */
    String invoke(FunctionCatalog function, String eventJson) {
        return functions.get(function).invoke(eventJson);
    }

    /** The event is not what the function takes: the caller's mistake, not the function's failure. */
    static final class InvalidEventException extends RuntimeException {
        InvalidEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private interface Invocable {
        String invoke(String eventJson);

        @SuppressWarnings("unchecked")
        static Invocable create(FunctionCatalog function, Components parts) {
            try {
                Class<?> type = Class.forName(function.handlerClass());
                Object handler = type.getConstructor(Components.class).newInstance(parts);
                if (handler instanceof RequestStreamHandler stream) {
                    return new StreamInvocable(function, stream);
                }
                Type[] io = PojoInvocable.requestHandlerTypes(type);
                Class<Object> inputType = (Class<Object>) PojoInvocable.rawClass(io[0]);
                Class<Object> outputType = (Class<Object>) PojoInvocable.rawClass(io[1]);
                ClassLoader loader = LocalFunctions.class.getClassLoader();
                return new PojoInvocable<>(function, (RequestHandler<Object, Object>) handler,
                        LambdaEventSerializers.serializerFor(inputType, loader),
                        LambdaEventSerializers.serializerFor(outputType, loader));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot load " + function.functionName() + " (" + function.handlerClass() + ")", e);
            }
        }
    }

    /** A stream handler (the HTTP functions, {@code ses-notifications}) reads its event and writes its result itself, as in Lambda. */
    private record StreamInvocable(FunctionCatalog function, RequestStreamHandler handler) implements Invocable {
        @Override
        public String invoke(String eventJson) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out,
                        new LocalContext(function.functionName(), TIMEOUT_MILLIS));
            } catch (UnreadableEventException e) {
                throw new InvalidEventException("the event is not a valid input for " + function.functionName() + ": "
                        + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** Any other function: the Lambda runtime's own serializers bind its event and result. */
    private record PojoInvocable<I, O>(FunctionCatalog function, RequestHandler<I, O> handler,
            PojoSerializer<I> input, PojoSerializer<O> output) implements Invocable {

        @Override
        public String invoke(String eventJson) {
            I event;
            try {
                event = input.fromJson(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)));
            } catch (RuntimeException e) {
                throw new InvalidEventException("the event is not a valid input for " + function.functionName() + ": "
                        + rootMessage(e), e);
            }
            O result = handler.handleRequest(event, new LocalContext(function.functionName(), TIMEOUT_MILLIS));
            if (result == null) {
                return "null";
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            output.toJson(result, out);
            return out.toString(StandardCharsets.UTF_8);
        }

        private static String rootMessage(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root instanceof JsonProcessingException json ? json.getOriginalMessage() : root.getMessage();
            return message == null ? root.getClass().getSimpleName() : message;
        }

        /** {@code Map<String, Object>} deserializes as a {@code Map}, as the Lambda runtime does. */
        static Class<?> rawClass(Type type) {
            return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
        }

        static Type[] requestHandlerTypes(Class<?> type) {
            for (Type implemented : type.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized
                        && parameterized.getRawType() == RequestHandler.class) {
                    return parameterized.getActualTypeArguments();
                }
            }
            throw new IllegalStateException(type + " does not implement RequestHandler<I, O> directly");
        }
    }
}

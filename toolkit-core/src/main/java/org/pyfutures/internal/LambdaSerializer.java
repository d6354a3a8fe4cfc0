package org.pyfutures.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.serializers.JavaSerializer;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Copies serializable lambdas and method references as Java serialization would, at a fraction of its cost: the
 * lambda's {@link SerializedLambda} description and its captured values are written with Kryo, like any other
 * value of a task, and the reading side rebuilds the lambda through its capturing class's
 * {@code $deserializeLambda$}, exactly as
 * {@code SerializedLambda.readResolve} does, unless that returns a lambda of another instantiated type
 * (JDK-8208752), in which case {@link LambdaFactory} builds it. Needs no {@code --add-opens}: the methods it calls
 * belong to application classes. A lambda whose class denies that access is written by plain Java serialization.
 *
 * <p>What identifies a lambda's code (its shape: the description without the captured values) is fixed by its
 * class, so each Kryo encodes a lambda class's shape once and writes those bytes again; and the reading side maps
 * shape bytes it has seen to the shape it parsed, so a known lambda costs one array to read rather than nine
 * strings. A lambda class that captures nothing is written without calling its {@code writeReplace} at all.
 *
 * <p>A lambda that captures nothing has no state, so the reading side keeps its copy and returns it again for the
 * same lambda: per Kryo, hence per class loader. One instance per Kryo; not thread-safe.
 */
final class LambdaSerializer extends Serializer<Object> {
  private static final ClassValue<Method> WRITE_REPLACE =
      new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> lambdaClass) {
          return accessible(lambdaClass, "writeReplace");
        }
      };
  private static final ClassValue<Method> DESERIALIZE_LAMBDA =
      new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> capturingClass) {
          return accessible(capturingClass, "$deserializeLambda$", SerializedLambda.class);
        }
      };

  private final JavaSerializer java = new JavaSerializer();
  /** Per lambda class, its shape as written, and whether it captures nothing (so needs no writeReplace). */
  private final Map<Class<?>, Written> written = new HashMap<>();
  /** Shapes read so far, by their bytes: a known shape costs one array, not nine strings. */
  private final Map<ShapeBytes, Shape> read = new HashMap<>();
  private final Map<Shape, Object> stateless = new HashMap<>();
  private final Set<Shape> faithful = new HashSet<>();
  private final Map<Shape, LambdaFactory> unfaithful = new HashMap<>();

  private static Method accessible(Class<?> type, String name, Class<?>... parameters) {
    try {
      Method method = type.getDeclaredMethod(name, parameters);
      method.setAccessible(true);
      return method;
    } catch (NoSuchMethodException | RuntimeException inaccessible) {
      return null;
    }
  }

  @Override
  public void write(Kryo kryo, Output output, Object lambda) {
    // A lambda class stands for one call site, so its shape and captured count never change: a lambda that
    // captures nothing is written from what its first write learned, without calling writeReplace.
    Written known = written.get(lambda.getClass());
    if (known != null && known.capturesNothing) {
      output.writeBoolean(true);
      output.writeVarInt(known.shape.length, true);
      output.writeBytes(known.shape);
      output.writeVarInt(0, true);
      return;
    }
    Method writeReplace = WRITE_REPLACE.get(lambda.getClass());
    SerializedLambda form = writeReplace == null ? null : describe(writeReplace, lambda);
    output.writeBoolean(form != null);
    if (form == null) {
      java.write(kryo, output, lambda);
      return;
    }
    int capturedCount = form.getCapturedArgCount();
    if (known == null) {
      known = new Written(Shape.of(form).toBytes(), capturedCount == 0);
      written.put(lambda.getClass(), known);
    }
    output.writeVarInt(known.shape.length, true);
    output.writeBytes(known.shape);
    output.writeVarInt(capturedCount, true);
    for (int i = 0; i < capturedCount; i++) {
      kryo.writeClassAndObject(output, form.getCapturedArg(i));
    }
  }

  private record Written(byte[] shape, boolean capturesNothing) {}

  /** A shape's bytes as a map key. */
  private record ShapeBytes(byte[] bytes, int hash) {
    ShapeBytes(byte[] bytes) {
      this(bytes, Arrays.hashCode(bytes));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ShapeBytes that && hash == that.hash && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static SerializedLambda describe(Method writeReplace, Object lambda) {
    try {
      return writeReplace.invoke(lambda) instanceof SerializedLambda form ? form : null;
    } catch (IllegalAccessException | InvocationTargetException e) {
      return null;
    }
  }

  @Override
  public Object read(Kryo kryo, Input input, Class<?> type) {
    if (!input.readBoolean()) {
      return java.read(kryo, input, type);
    }
    byte[] shapeBytes = input.readBytes(input.readVarInt(true));
    Shape shape = read.computeIfAbsent(new ShapeBytes(shapeBytes), key -> Shape.read(new Input(key.bytes())));
    int capturedCount = input.readVarInt(true);
    if (capturedCount == 0) {
      Object known = stateless.get(shape);
      if (known != null) {
        return known;
      }
    }
    Object[] captured = new Object[capturedCount];
    for (int i = 0; i < capturedCount; i++) {
      captured[i] = kryo.readClassAndObject(input);
    }
    Object lambda = rebuild(kryo, shape, captured);
    if (capturedCount == 0) {
      stateless.put(shape, lambda);
    }
    return lambda;
  }

  private Object rebuild(Kryo kryo, Shape shape, Object[] captured) {
    Class<?> capturingClass;
    try {
      capturingClass = Class.forName(shape.capturingClass().replace('/', '.'), false, kryo.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new KryoException("Unable to find class: " + e.getMessage(), e);
    }
    LambdaFactory factory = unfaithful.get(shape);
    if (factory != null) {
      return create(factory, capturingClass, captured);
    }
    Method deserialize = DESERIALIZE_LAMBDA.get(capturingClass);
    if (deserialize == null) {
      throw new KryoException(capturingClass.getName() + " has no accessible serializable lambdas");
    }
    Object lambda;
    try {
      lambda = deserialize.invoke(null, shape.toSerializedLambda(capturingClass, captured));
    } catch (IllegalAccessException e) {
      throw new KryoException("Cannot rebuild a lambda of " + capturingClass.getName(), e);
    } catch (InvocationTargetException e) {
      throw new KryoException("Cannot rebuild a lambda of " + capturingClass.getName(), e.getCause());
    }
    if (faithful.contains(shape)) {
      return lambda;
    }
    // JDK-8208752: $deserializeLambda$ ignores the instantiated type, so of two references to one generic method
    // at two types in one class it returns the first for both, and the second fails with ClassCastException.
    Method writeReplace = WRITE_REPLACE.get(lambda.getClass());
    SerializedLambda rebuilt = writeReplace == null ? null : describe(writeReplace, lambda);
    if (rebuilt == null || shape.instantiatedMethodType().equals(rebuilt.getInstantiatedMethodType())) {
      faithful.add(shape);
      return lambda;
    }
    try {
      factory = LambdaFactory.of(capturingClass, shape, captured.length);
    } catch (ReflectiveOperationException | LambdaConversionException | RuntimeException e) {
      throw new KryoException("Cannot rebuild a lambda of " + capturingClass.getName() + " (JDK-8208752)", e);
    }
    unfaithful.put(shape, factory);
    return create(factory, capturingClass, captured);
  }

  private static Object create(LambdaFactory factory, Class<?> capturingClass, Object[] captured) {
    try {
      return factory.create(captured);
    } catch (Error e) {
      throw e;
    } catch (Throwable e) {
      throw new KryoException("Cannot rebuild a lambda of " + capturingClass.getName(), e);
    }
  }

  /** Everything in a {@link SerializedLambda} but the captured values: what identifies the lambda's code. */
  record Shape(
      String capturingClass,
      String functionalInterfaceClass,
      String functionalInterfaceMethodName,
      String functionalInterfaceMethodSignature,
      int implMethodKind,
      String implClass,
      String implMethodName,
      String implMethodSignature,
      String instantiatedMethodType) {

    static Shape of(SerializedLambda form) {
      return new Shape(
          form.getCapturingClass(),
          form.getFunctionalInterfaceClass(),
          form.getFunctionalInterfaceMethodName(),
          form.getFunctionalInterfaceMethodSignature(),
          form.getImplMethodKind(),
          form.getImplClass(),
          form.getImplMethodName(),
          form.getImplMethodSignature(),
          form.getInstantiatedMethodType());
    }

    byte[] toBytes() {
      Output output = new Output(256, -1);
      write(output);
      return output.toBytes();
    }

    void write(Output output) {
      output.writeString(capturingClass);
      output.writeString(functionalInterfaceClass);
      output.writeString(functionalInterfaceMethodName);
      output.writeString(functionalInterfaceMethodSignature);
      output.writeVarInt(implMethodKind, true);
      output.writeString(implClass);
      output.writeString(implMethodName);
      output.writeString(implMethodSignature);
      output.writeString(instantiatedMethodType);
    }

    static Shape read(Input input) {
      return new Shape(
          input.readString(),
          input.readString(),
          input.readString(),
          input.readString(),
          input.readVarInt(true),
          input.readString(),
          input.readString(),
          input.readString(),
          input.readString());
    }

    SerializedLambda toSerializedLambda(Class<?> capturing, Object[] captured) {
      return new SerializedLambda(
          capturing,
          functionalInterfaceClass,
          functionalInterfaceMethodName,
          functionalInterfaceMethodSignature,
          implMethodKind,
          implClass,
          implMethodName,
          implMethodSignature,
          instantiatedMethodType,
          captured);
    }
  }
}

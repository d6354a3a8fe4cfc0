package org.pyfutures.process.internal;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.serializers.JavaSerializer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/**
 * Copies serializable lambdas and method references as their {@link SerializedLambda} fields, written by Kryo:
 * about a third of the bytes of Java serialization, and several times faster to read (it was most of the cost of
 * a small task).
 *
 * <p>A lambda is rebuilt the way Java serialization rebuilds it, by its capturing class's
 * {@code $deserializeLambda$}, which checks that the implementation method is one the class really created a
 * lambda for. Both that method and the lambda's {@code writeReplace} are private; they are reached with no JVM
 * flags when the capturing class's package is open to this library, as every class path package is. Otherwise the
 * lambda goes through Java serialization inside the Kryo stream, as the shared configuration does; one leading
 * byte says which.
 */
final class LambdaSerializer extends Serializer<Object> {
  private static final byte DIRECT = 1;
  private static final byte JAVA = 2;
  private static final MethodType DESERIALIZE = MethodType.methodType(Object.class, SerializedLambda.class);

  /** What writing a lambda of one class needs; its capturing class is found on first use. */
  private static final class LambdaClass {
    final MethodHandle writeReplace;
    volatile Class<?> capturing;

    LambdaClass(MethodHandle writeReplace) {
      this.writeReplace = writeReplace;
    }
  }

  /** A lambda class's {@code writeReplace}, or null if out of reach. */
  private static final ClassValue<LambdaClass> LAMBDA_CLASSES =
      new ClassValue<>() {
        @Override
        protected LambdaClass computeValue(Class<?> lambdaClass) {
          try {
            Method m = lambdaClass.getDeclaredMethod("writeReplace");
            m.setAccessible(true);
            MethodHandle h = MethodHandles.lookup().unreflect(m);
            return new LambdaClass(h.asType(MethodType.methodType(Object.class, Object.class)));
          } catch (ReflectiveOperationException | RuntimeException outOfReach) {
            return new LambdaClass(null);
          }
        }
      };

  /** A capturing class's {@code $deserializeLambda$}, or null if out of reach. */
  private static final ClassValue<MethodHandle> DESERIALIZE_LAMBDA =
      new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> capturingClass) {
          try {
            return MethodHandles.privateLookupIn(capturingClass, MethodHandles.lookup())
                .findStatic(capturingClass, "$deserializeLambda$", DESERIALIZE);
          } catch (ReflectiveOperationException | RuntimeException outOfReach) {
            return null;
          }
        }
      };

  private final JavaSerializer java = new JavaSerializer();

  @Override
  public void write(Kryo kryo, Output output, Object lambda) {
    LambdaClass lambdaClass = LAMBDA_CLASSES.get(lambda.getClass());
    SerializedLambda form = serializedForm(lambdaClass, lambda);
    Class<?> capturing = form == null ? null : capturingClass(lambdaClass, form, lambda.getClass());
    if (capturing == null || DESERIALIZE_LAMBDA.get(capturing) == null) {
      output.writeByte(JAVA);
      java.write(kryo, output, lambda);
      return;
    }
    output.writeByte(DIRECT);
    kryo.writeClass(output, capturing);
    output.writeString(form.getFunctionalInterfaceClass());
    output.writeString(form.getFunctionalInterfaceMethodName());
    output.writeString(form.getFunctionalInterfaceMethodSignature());
    output.writeVarInt(form.getImplMethodKind(), true);
    output.writeString(form.getImplClass());
    output.writeString(form.getImplMethodName());
    output.writeString(form.getImplMethodSignature());
    output.writeString(form.getInstantiatedMethodType());
    int count = form.getCapturedArgCount();
    output.writeVarInt(count, true);
    for (int i = 0; i < count; i++) {
      kryo.writeClassAndObject(output, form.getCapturedArg(i));
    }
  }

  @Override
  public Object read(Kryo kryo, Input input, Class<? extends Object> type) {
    if (input.readByte() == JAVA) {
      return java.read(kryo, input, type);
    }
    Class<?> capturing = kryo.readClass(input).getType();
    String interfaceClass = input.readString();
    String interfaceMethod = input.readString();
    String interfaceSignature = input.readString();
    int implKind = input.readVarInt(true);
    String implClass = input.readString();
    String implMethod = input.readString();
    String implSignature = input.readString();
    String instantiatedType = input.readString();
    Object[] captured = new Object[input.readVarInt(true)];
    for (int i = 0; i < captured.length; i++) {
      captured[i] = kryo.readClassAndObject(input);
    }
    SerializedLambda form =
        new SerializedLambda(
            capturing, interfaceClass, interfaceMethod, interfaceSignature, implKind, implClass, implMethod,
            implSignature, instantiatedType, captured);
    MethodHandle deserialize = DESERIALIZE_LAMBDA.get(capturing);
    if (deserialize == null) {
      throw new KryoException("cannot reach " + capturing.getName() + ".$deserializeLambda$ to read a lambda");
    }
    try {
      return deserialize.invokeExact(form);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new KryoException("error reading a lambda of " + capturing.getName(), t);
    }
  }

  private static SerializedLambda serializedForm(LambdaClass lambdaClass, Object lambda) {
    if (lambdaClass.writeReplace == null) {
      return null;
    }
    try {
      return lambdaClass.writeReplace.invokeExact(lambda) instanceof SerializedLambda form ? form : null;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new KryoException("error writing a lambda of " + lambda.getClass().getName(), t);
    }
  }

  private static Class<?> capturingClass(LambdaClass lambdaClass, SerializedLambda form, Class<?> type) {
    Class<?> capturing = lambdaClass.capturing;
    if (capturing == null) {
      try {
        capturing = Class.forName(form.getCapturingClass().replace('/', '.'), false, type.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        return null;
      }
      lambdaClass.capturing = capturing;
    }
    return capturing;
  }
}

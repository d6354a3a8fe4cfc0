package org.pyfutures.internal;

import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * Rebuilds a lambda from its description without its capturing class's {@code $deserializeLambda$}: the way
 * around JDK-8208752, where that method returns the wrong lambda for the second of two references to one generic
 * method at two types in one class.
 *
 * <p>When the capturing class is in this class's module (the same class loader) the lambda is spun by
 * {@link LambdaMetafactory} exactly as {@code javac}'s call site would, and stays serializable. Otherwise the
 * metafactory refuses a lookup from another module, and the lambda is a {@link MethodHandleProxies} instance of its
 * interface over the same implementation: it behaves the same but cannot be serialized again.
 */
final class LambdaFactory {
  private final MethodHandle metafactory;
  private final Class<?> functionalInterface;
  private final MethodHandle implementation;
  private final MethodType instantiatedType;

  private LambdaFactory(
      MethodHandle metafactory,
      Class<?> functionalInterface,
      MethodHandle implementation,
      MethodType instantiatedType) {
    this.metafactory = metafactory;
    this.functionalInterface = functionalInterface;
    this.implementation = implementation;
    this.instantiatedType = instantiatedType;
  }

  /**
   * Resolves the lambda's interface and implementation method in the capturing class's loader, with that class's
   * access; the implementation's first {@code capturedCount} parameters (with the receiver) are the captured values.
   *
   * @throws ReflectiveOperationException if a class or the method is missing or inaccessible
   * @throws LambdaConversionException if the description is inconsistent
   */
  static LambdaFactory of(Class<?> capturingClass, LambdaSerializer.Shape shape, int capturedCount)
      throws ReflectiveOperationException, LambdaConversionException {
    ClassLoader loader = capturingClass.getClassLoader();
    Class<?> functionalInterface = Class.forName(dotted(shape.functionalInterfaceClass()), false, loader);
    Class<?> implClass = Class.forName(dotted(shape.implClass()), false, loader);
    MethodType implType = MethodType.fromMethodDescriptorString(shape.implMethodSignature(), loader);
    MethodType samType = MethodType.fromMethodDescriptorString(shape.functionalInterfaceMethodSignature(), loader);
    MethodType instantiatedType = MethodType.fromMethodDescriptorString(shape.instantiatedMethodType(), loader);
    MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(capturingClass, MethodHandles.lookup());
    String name = shape.implMethodName();
    MethodHandle implementation =
        switch (shape.implMethodKind()) {
          case MethodHandleInfo.REF_invokeStatic -> lookup.findStatic(implClass, name, implType);
          case MethodHandleInfo.REF_invokeVirtual, MethodHandleInfo.REF_invokeInterface ->
              lookup.findVirtual(implClass, name, implType);
          case MethodHandleInfo.REF_invokeSpecial -> lookup.findSpecial(implClass, name, implType, capturingClass);
          case MethodHandleInfo.REF_newInvokeSpecial -> lookup.findConstructor(implClass, implType);
          default -> throw new LambdaConversionException("unexpected implementation kind " + shape.implMethodKind());
        };
    if (!lookup.hasFullPrivilegeAccess()) {
      return new LambdaFactory(null, functionalInterface, implementation, instantiatedType);
    }
    MethodType factoryType =
        MethodType.methodType(
            functionalInterface, implementation.type().parameterList().subList(0, capturedCount));
    MethodHandle metafactory =
        LambdaMetafactory.altMetafactory(
                lookup,
                shape.functionalInterfaceMethodName(),
                factoryType,
                samType,
                implementation,
                instantiatedType,
                LambdaMetafactory.FLAG_SERIALIZABLE)
            .getTarget();
    return new LambdaFactory(metafactory, functionalInterface, implementation, instantiatedType);
  }

  private static String dotted(String internalName) {
    return internalName.replace('/', '.');
  }

  /**
   * Creates the lambda over these captured values.
   *
   * @throws Throwable whatever the metafactory's call site throws
   */
  Object create(Object[] captured) throws Throwable {
    Objects.requireNonNull(captured, "captured");
    if (metafactory != null) {
      return metafactory.invokeWithArguments(captured);
    }
    MethodHandle bound = MethodHandles.insertArguments(implementation, 0, captured).asType(instantiatedType);
    return MethodHandleProxies.asInterfaceInstance(functionalInterface, bound);
  }
}

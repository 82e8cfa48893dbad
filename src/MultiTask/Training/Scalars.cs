using TorchSharp;

namespace MultiTask
{
    /// <summary>
    /// Constant Scalars made once. TorchSharp's overloads without an explicit Scalar (<c>add(Tensor)</c>, <c>add_(Scalar)</c>,
    /// <c>zero_()</c>, the <c>+</c> operator) make a new native Scalar on every call and leave it to the finalizer; the
    /// runtime passes these instead (<c>a.add(b, Scalars.One)</c>), so a training step leaves nothing for the finalizer.
    /// </summary>
    internal static class Scalars
    {
        public static readonly Scalar Zero = 0.0.ToScalar();

        public static readonly Scalar One = 1.0.ToScalar();
    }
}

using System;
using TorchSharp;

namespace MultiTask
{
    /// <summary>Inference mode: eval mode and no gradients, undone on dispose.</summary>
    public static class Inference
    {
        /// <summary>Puts <paramref name="module"/> in eval mode and disables gradients until the result is disposed, then restores the previous mode.</summary>
        public static IDisposable Enter(torch.nn.Module module)
        {
            ArgumentNullException.ThrowIfNull(module);
            var wasTraining = module.training;
            module.eval();
            return new Scope(module, wasTraining, torch.no_grad());
        }

        private sealed class Scope(torch.nn.Module module, bool wasTraining, IDisposable noGrad) : IDisposable
        {
            private bool disposed;

            public void Dispose()
            {
                if (disposed)
                {
                    return;
                }

                disposed = true;
                noGrad.Dispose();
                module.train(wasTraining);
            }
        }
    }
}

using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Tests.Inputs
{
    internal static class Parameters
    {
        /// <summary>Overwrites the parameter <paramref name="name"/> (a state-dict key) of <paramref name="module"/> with <paramref name="value"/>.</summary>
        public static void Set(nn.Module module, string name, Tensor value)
        {
            using var _ = torch.no_grad();
            var parameter = module.named_parameters().Single(p => p.name == name).parameter;
            parameter.copy_(value);
        }

        public static Tensor Get(nn.Module module, string name) => module.named_parameters().Single(p => p.name == name).parameter;
    }
}

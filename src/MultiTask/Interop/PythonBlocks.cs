using System;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>The Python constructor expression of each built-in block (multitask_blocks.py holds the Python classes).</summary>
    internal static class PythonBlocks
    {
        /// <summary>
        /// The component <paramref name="module"/> held in <paramref name="field"/>: a built-in block is translated fully; any other
        /// module of the model's components is a user module, whose Python class the user supplies.
        /// </summary>
        public static PythonComponent Translate(string field, nn.Module module, bool isHead)
        {
            return module switch
            {
                Trunk trunk => new(field, ComponentRole.Trunk, $"Trunk({Layers(Child<Sequential>(trunk, "layers"))})"),
                Head head => new(field, ComponentRole.Head, $"Head({Layers(head.Tower)}, {Layer(Child<nn.Module>(head, "output"))})"),
                AutoencoderTrunk autoencoder => new(field, ComponentRole.Autoencoder,
                    $"AutoencoderTrunk({Layers(autoencoder.Encoder)}, {Layers(Child<Sequential>(autoencoder, "decoder"))})"),
                MixtureOfExperts mixture => new(field, ComponentRole.PerTaskTrunk, MixtureOfExperts(mixture)),
                ProgressiveLayeredExtraction extraction => new(field, ComponentRole.PerTaskTrunk, Extraction(extraction)),
                CrossStitchNetwork crossStitch => new(field, ComponentRole.PerTaskTrunk, CrossStitch(crossStitch)),
                _ => new(field, isHead ? ComponentRole.Head : ComponentRole.Trunk, field, module.GetType().FullName ?? module.GetType().Name),
            };
        }

        private static string MixtureOfExperts(MixtureOfExperts mixture)
        {
            var bank = Child<ExpertBank>(mixture, "experts");
            return $"MixtureOfExperts({mixture.InputSize}, {mixture.Experts}, {PythonText.Ints(HiddenWidths(bank))}, {mixture.Tasks}, {PythonText.String(bank.Activation.ToString())})";
        }

        private static string Extraction(ProgressiveLayeredExtraction extraction)
        {
            var first = Child<ModuleList<ExtractionLevel>>(extraction, "levels")[0];
            var bank = first.Experts;
            return $"ProgressiveLayeredExtraction({extraction.InputSize}, {extraction.Tasks}, {first.SharedExperts}, {first.TaskExperts}, "
                + $"{PythonText.Ints(HiddenWidths(bank))}, {extraction.Levels}, {PythonText.String(bank.Activation.ToString())})";
        }

        private static string CrossStitch(CrossStitchNetwork crossStitch)
        {
            var towers = Child<ModuleList<ModuleList<Sequential>>>(crossStitch, "towers");
            return $"CrossStitchNetwork({PythonText.List(towers.Select(tower => PythonText.List(tower.Select(Layers))))})";
        }

        /// <summary>The output width of each layer of the bank's experts.</summary>
        private static long[] HiddenWidths(ExpertBank bank)
            => bank.named_parameters().Where(p => p.name.StartsWith("weights.", StringComparison.Ordinal)).Select(p => p.parameter.shape[2]).ToArray();

        private static string Layers(Sequential layers) => PythonText.List(layers.children().Select(Layer));

        private static string Layer(nn.Module layer) => layer switch
        {
            Linear linear => $"nn.Linear({linear.weight!.shape[1]}, {linear.weight.shape[0]}, bias={PythonText.Bool(linear.bias is not null)})",
            LayerNorm norm => $"nn.LayerNorm({norm.weight!.shape[0]}, eps={PythonText.Number(norm.eps)})",
            ReLU => "nn.ReLU()",
            GELU => "nn.GELU()",
            Tanh => "nn.Tanh()",
            SiLU => "nn.SiLU()",
            Dropout dropout => $"nn.Dropout({PythonText.Number(dropout.p)})",
            _ => throw new NotSupportedException($"A built-in block holds a {layer.GetType().Name}, which the PyTorch export does not translate."),
        };

        private static T Child<T>(nn.Module module, string name)
            where T : nn.Module
            => (T)module.named_children().Single(c => c.name == name).module;
    }
}

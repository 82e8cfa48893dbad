using System;
using System.Collections.Generic;
using TorchSharp;

namespace MultiTask
{
    /// <summary>
    /// Which modules of a model the tasks share and which belong to one task: gradient methods act on the shared parameters,
    /// and a task's own parameters take only its own gradient. A module in neither (an autoencoder's decoder, a loss
    /// weighting's parameters) is trained by the terms that reach it.
    /// </summary>
    /// <param name="Shared">Modules whose parameters every task's loss reaches (a trunk, an encoder, experts and gates); empty without.</param>
    /// <param name="Tasks">Each task's own modules (its head), in task order.</param>
    public sealed record ModelParts(IReadOnlyList<torch.nn.Module> Shared, IReadOnlyList<torch.nn.Module> Tasks)
    {
        /// <summary>Whether the tasks share any module.</summary>
        public bool HasShared => Shared.Count > 0;

        /// <summary>The parameters of the shared modules, each once, in module order.</summary>
        public IReadOnlyList<TorchSharp.Modules.Parameter> SharedParameters()
        {
            var seen = new HashSet<IntPtr>();
            var parameters = new List<TorchSharp.Modules.Parameter>();
            foreach (var module in Shared)
            {
                foreach (var parameter in module.parameters())
                {
                    if (seen.Add(parameter.Handle))
                    {
                        parameters.Add(parameter);
                    }
                }
            }

            return parameters;
        }
    }
}

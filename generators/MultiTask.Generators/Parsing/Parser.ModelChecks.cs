using System;
using System.Collections.Generic;
using System.Linq;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>Checks over all the heads of a model: loss weights (MTL0012, MTL0015), learning rates (MTL0020), sharing (MTL0018, MTL0019).</summary>
    internal static partial class Parser
    {
        /// <summary>The runtime's <c>TrainingOptions.LearningRate</c> default, the reference of MTL0020 when the model sets none.</summary>
        private const double DefaultLearningRate = 1e-3;

        /// <summary>MTL0012 for a head with weight 0, or MTL0015 when every head has weight 0.</summary>
        private static void CheckWeights(string model, List<Component> heads, LocationInfo? identifier, ParseState state)
        {
            if (heads.Count > 0 && !state.SkippedComponent && heads.All(h => h.Head!.Weight == 0))
            {
                state.Report(DiagnosticDescriptors.AllWeightsZero, identifier, model, string.Join(", ", heads.Select(h => h.Name)));
                return;
            }

            foreach (Component head in heads)
            {
                if (head.Head!.Weight == 0 && head.WeightLocation is not null)
                {
                    state.Report(DiagnosticDescriptors.ZeroWeight, head.WeightLocation, head.Name);
                }
            }
        }

        /// <summary>MTL0020 for a head whose learning rate is at least 100 times larger or smaller than the model's.</summary>
        private static void CheckLearningRates(List<Component> heads, double? modelRate, ParseState state)
        {
            double baseRate = modelRate ?? DefaultLearningRate;
            if (!(IsFinite(baseRate) && baseRate > 0))
            {
                return;
            }

            string baseText = modelRate is null ? $"{Literals.Number(baseRate)} (the default)" : Literals.Number(baseRate);
            foreach (Component head in heads)
            {
                if (head.Head!.LearningRate is not { } rate || !(IsFinite(rate) && rate >= 0))
                {
                    continue;
                }

                double ratio = rate / baseRate;
                string? factor = null;
                if (ratio >= 100 * (1 - 1e-9))
                {
                    factor = $"{Factor(ratio)} times";
                }
                else if (ratio < 1e-12)
                {
                    factor = ratio == 0 ? "0 times" : "practically 0 times";
                }
                else if (ratio <= 0.01 * (1 + 1e-9))
                {
                    factor = $"1/{Factor(1 / ratio)} of";
                }

                if (factor is not null)
                {
                    state.Report(DiagnosticDescriptors.LearningRateFarFromModel, head.LearningRateLocation, head.Name, Literals.Number(rate), factor, baseText);
                }
            }
        }

        /// <summary>A ratio rounded to three significant digits (100.00000000000001 is 100).</summary>
        private static string Factor(double ratio)
        {
            if (!IsFinite(ratio))
            {
                return Literals.Number(ratio);
            }

            double scale = Math.Pow(10, Math.Floor(Math.Log10(ratio)) - 2);
            return Literals.Number(Math.Round(ratio / scale) * scale);
        }

        /// <summary>
        /// MTL0018 for a single task, MTL0019 when no layer is shared (no shared component, no soft sharing nor another sharing
        /// attribute, and a tower on every head). Only for a model without errors.
        /// </summary>
        private static void CheckSharing(string model, bool shares, List<Component> heads, LocationInfo? identifier, ParseState state)
        {
            if (heads.Count == 1)
            {
                state.Report(DiagnosticDescriptors.SingleTask, identifier, model, heads[0].Name);
            }
            else if (!shares && heads.Count > 1 && heads.All(h => h.Head!.Hidden.Count > 0))
            {
                state.Report(DiagnosticDescriptors.NothingShared, identifier, model, string.Join(", ", heads.Select(h => h.Name)));
            }
        }
    }
}

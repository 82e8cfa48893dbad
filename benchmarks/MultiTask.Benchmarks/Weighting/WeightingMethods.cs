using System;
using System.Collections.Generic;
using MultiTask;
using TorchSharp;

namespace MultiTask.Benchmarks.Weighting;

/// <summary>
/// A loss weighting the benchmarks compare: its short name (the variant name), the attribute a user writes, how the runtime
/// builds it for a model's tasks, issue 10's cost target on mtl-small (steps/s of static weighting over the method's), and
/// whether it takes one gradient per task on the shared parameters (issue 10's limit on hps is (K + 1) / 2 + 0.5 for those).
/// </summary>
internal sealed record WeightingMethod(string Name, string Attribute, Func<IReadOnlyList<TaskDefinition>, LossWeighting> Create, double TargetCost, bool PerTaskGradients)
{
    /// <summary>The method built for <paramref name="model"/>'s tasks and registered as its submodule (its parameters train and are saved with the model).</summary>
    public LossWeighting Register<TBatch>(IMultiTaskNetwork<TBatch> model)
    {
        var weighting = Create(model.Tasks);
        ((torch.nn.Module)model).register_module("weighting", weighting);
        return weighting;
    }
}

/// <summary>Every loss weighting, in one list: the methods, hps4, compare and pareto-toy workloads read it, so a new method is one line here.</summary>
internal static class WeightingMethods
{
    public static IReadOnlyList<WeightingMethod> All { get; } =
    [
        new("static", "[StaticWeighting]", tasks => new StaticWeighting(tasks), 1.0, false),
        new("uncertainty", "[UncertaintyWeighting]", tasks => new UncertaintyWeighting(tasks), 1.1, false),
        new("dwa", "[Dwa]", tasks => new Dwa(tasks), 1.1, false),
        new("rlw", "[RandomLossWeighting]", tasks => new RandomLossWeighting(tasks), 1.1, false),
        new("dbmtl", "[DbMtl]", tasks => new DbMtl(tasks), 1.45, true),
        new("pcgrad", "[PCGrad]", tasks => new PCGrad(tasks), 1.45, true),
        new("mgda", "[Mgda]", tasks => new Mgda(tasks), 1.45, true),
        new("mgda-ub", "[Mgda(UpperBound = true)]", tasks => new Mgda(tasks) { UpperBound = true }, 1.3, true),
        new("cagrad", "[CAGrad]", tasks => new CAGrad(tasks), 1.6, true),
        new("imtl", "[Imtl]", tasks => new Imtl(tasks), 1.45, true),
        new("aligned-mtl", "[AlignedMtl]", tasks => new AlignedMtl(tasks), 1.45, true),
        new("upgrad", "[UPGrad]", tasks => new UPGrad(tasks), 1.45, true),
        new("nash-mtl", "[NashMtl]", tasks => new NashMtl(tasks), 1.45, true),
        new("gradnorm", "[GradNorm]", tasks => new GradNorm(tasks), 1.5, false),
        new("famo", "[Famo]", tasks => new Famo(tasks), 1.3, false),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. System.Linq.Enumerable.Select(All, m => m.Name)];

    /// <summary>The method named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No method has that name.</exception>
    public static WeightingMethod Named(string name)
        => System.Linq.Enumerable.FirstOrDefault(All, m => m.Name == name)
            ?? throw new ArgumentException($"Unknown loss weighting '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
}

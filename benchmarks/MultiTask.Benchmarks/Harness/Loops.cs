using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks;

/// <summary>
/// The bare hand-written loop: per step a dispose scope, zero_grad, forward and loss, backward, optimizer step; no host
/// sync, no bookkeeping. Batches are made once and cycled.
/// </summary>
internal sealed class BareLoopVariant<TBatch> : Variant
{
    private readonly IReadOnlyList<TBatch> batches;
    private readonly Func<TBatch, Tensor> loss;
    private readonly optim.Optimizer optimizer;
    private readonly IDisposable[] owned;
    private readonly int collectEvery;
    private long next;

    /// <param name="collectEvery">When positive, a forced <c>GC.Collect</c> every that many steps (a leak workaround).</param>
    public BareLoopVariant(string name, string description, IReadOnlyList<TBatch> batches, Func<TBatch, Tensor> loss, optim.Optimizer optimizer, int collectEvery, params IDisposable[] owned)
        : base(name, description)
    {
        this.batches = batches;
        this.loss = loss;
        this.optimizer = optimizer;
        this.collectEvery = collectEvery;
        this.owned = owned;
    }

    public override void Run(int steps) => Run(steps, static _ => { });

    public override void Run(int steps, Action<long> probe)
    {
        for (var i = 0; i < steps; i++)
        {
            using (torch.NewDisposeScope())
            {
                var batch = batches[(int)(next % batches.Count)];
                optimizer.zero_grad();
                var total = loss(batch);
                total.backward();
                optimizer.step();
            }

            next++;
            if (collectEvery > 0 && next % collectEvery == 0)
            {
                GC.Collect();
            }

            probe(i + 1);
        }
    }

    public override void Dispose()
    {
        optimizer.Dispose();
        foreach (var item in owned)
        {
            item.Dispose();
        }
    }
}

/// <summary>
/// The generated trainer: every <see cref="Run(int)"/> is one <c>Fit</c> call of one epoch over the data source (metrics,
/// divergence tracking, weight snapshot, epoch and step progress events included).
/// </summary>
internal sealed class TrainerVariant : Variant
{
    private readonly Func<int, Action<long>?, int> fit;
    private readonly IDisposable[] owned;

    /// <param name="fit">Runs epochs of the trainer covering the given number of steps, reporting every step to the probe; returns the steps run.</param>
    public TrainerVariant(string name, string description, Func<int, Action<long>?, int> fit, params IDisposable[] owned)
        : base(name, description)
    {
        this.fit = fit;
        this.owned = owned;
    }

    public override void Run(int steps) => fit(steps, null);

    public override void Run(int steps, Action<long> probe) => fit(steps, probe);

    public override void Dispose()
    {
        foreach (var item in owned)
        {
            item.Dispose();
        }
    }
}

/// <summary>Forwards progress reports to a delegate (the benchmark's stand-in for a user's progress handler).</summary>
internal sealed class ProgressSink<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

/// <summary>Runs a delegate on dispose (what a variant owns beyond its model).</summary>
internal sealed class Disposer(Action dispose) : IDisposable
{
    public void Dispose() => dispose();
}

using System;

namespace MultiTask.Benchmarks;

/// <summary>One implementation of a workload's training step, run for a number of steps at a time.</summary>
internal abstract class Variant : IDisposable
{
    protected Variant(string name, string description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>Short name used on the command line and in the tables.</summary>
    public string Name { get; }

    /// <summary>What the variant runs.</summary>
    public string Description { get; }

    /// <summary>Runs <paramref name="steps"/> training steps (forward, loss, backward, optimizer step).</summary>
    public abstract void Run(int steps);

    /// <summary>
    /// Runs <paramref name="steps"/> steps and calls <paramref name="probe"/> after every step with its number in this run, from 1 (outside its dispose scope
    /// for the bare loops; inside the trainer's progress event for the trainer, where the same position is compared).
    /// </summary>
    public abstract void Run(int steps, Action<long> probe);

    public virtual void Dispose()
    {
    }
}

namespace MultiTask.Generators.Plans
{
    /// <summary>
    /// A loss a plan adds to the tasks' total (the reconstruction, the soft-sharing penalty): a member of <c>Losses</c>, a term
    /// of <c>ComputeLoss</c> and an auxiliary term of the trainer's step.
    /// </summary>
    /// <param name="Name">The member of <c>Losses</c> and the auxiliary term's name.</param>
    /// <param name="Weight">Its declared weight in the total.</param>
    /// <param name="Local">The local of <c>ComputeLoss</c> that holds it.</param>
    /// <param name="Computation">The expression <c>ComputeLoss</c> assigns to <paramref name="Local"/>.</param>
    /// <param name="Term">Its term of the total (<paramref name="Local"/>, times a weight unless it is 1).</param>
    /// <param name="Documentation">The <c>Losses</c> parameter's documentation.</param>
    internal sealed record AuxiliaryLossPlan(string Name, double Weight, string Local, string Computation, string Term, string Documentation);
}

namespace MultiTask
{
    /// <summary>How the exported model's forward pass uses a component.</summary>
    internal enum ComponentRole
    {
        /// <summary>A trunk whose output every head reads (<see cref="Trunk"/>, or a user module).</summary>
        Trunk,

        /// <summary>An <see cref="AutoencoderTrunk"/>: the heads read its latent code, the outputs hold its reconstruction.</summary>
        Autoencoder,

        /// <summary>A trunk with one output per task (<see cref="MixtureOfExperts"/>, <see cref="ProgressiveLayeredExtraction"/>).</summary>
        PerTaskTrunk,

        /// <summary>A task's head.</summary>
        Head,

        /// <summary>State that takes no part in the forward pass (the loss weighting's parameters).</summary>
        State,
    }

    /// <summary>One submodule of the exported model: its field (the state-dict prefix), role and Python constructor expression.</summary>
    /// <param name="Field">The field name, the first part of its state-dict keys.</param>
    /// <param name="Role">What the forward pass does with it.</param>
    /// <param name="Constructor">The Python expression that builds it; for a user module, the name of the model's constructor argument that is it.</param>
    /// <param name="UserType">The C# type of a user module MultiTask cannot translate; null for built-in blocks.</param>
    internal sealed record PythonComponent(string Field, ComponentRole Role, string Constructor, string? UserType = null);
}

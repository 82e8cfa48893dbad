namespace MultiTask
{
    /// <summary>How <c>[Mgda]</c> scales each task gradient <c>g_i</c> before finding the min-norm point (Sener and Koltun 2018, section 3.2 and their code).</summary>
    public enum MgdaNormalization
    {
        /// <summary>The gradients as they are.</summary>
        None = 0,

        /// <summary><c>g_i / ||g_i||</c>.</summary>
        L2 = 1,

        /// <summary><c>g_i / L_i</c>, the loss of the step.</summary>
        Loss = 2,

        /// <summary><c>g_i / (L_i ||g_i||)</c>.</summary>
        LossPlus = 3,
    }
}

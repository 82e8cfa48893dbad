namespace MultiTask.Generators.Model
{
    /// <summary>Everything the emitter needs for one model; equatable, free of symbols, syntax and locations.</summary>
    /// <param name="LearningRate">The model's default learning rate; null when <c>[MultiTaskModel]</c> does not set it.</param>
    /// <param name="InputPerTask">One input per task (<c>[MultiTaskModel(InputPerTask = true)]</c>) instead of one shared input.</param>
    /// <param name="Trunk">The shared component every head reads (a trunk, an autoencoder or an expert layer), or null.</param>
    /// <param name="SoftSharingLambda">The soft-sharing penalty's lambda, or null when the model has no <c>[SoftSharing]</c>.</param>
    /// <param name="Weighting">The loss weighting the model trains with.</param>
    internal sealed record ModelInfo(
        HierarchyInfo Hierarchy,
        int InputSize,
        double? LearningRate,
        bool InputPerTask,
        TrunkInfo? Trunk,
        double? SoftSharingLambda,
        EquatableArray<HeadInfo> Heads,
        WeightingInfo Weighting)
    {
        /// <summary>The <c>[Esmm]</c> pair of binary heads, or null.</summary>
        public EsmmInfo? Esmm { get; init; }

        /// <summary>The input fields in declaration order (empty for a model of one float input); <see cref="InputSize"/> is the sum of their widths.</summary>
        public EquatableArray<FieldInfo> Fields { get; init; } = EquatableArray<FieldInfo>.Empty;
    }

    /// <summary><c>[Esmm(Click = ..., Conversion = ...)]</c>: the names of the click and the conversion head.</summary>
    internal sealed record EsmmInfo(string Click, string Conversion);

    /// <summary>The loss weighting: the runtime class its attribute names, and the settings the attribute gives it.</summary>
    /// <param name="RuntimeType">The fully qualified runtime class, <c>global::MultiTask.StaticWeighting</c> when the model declares none.</param>
    /// <param name="Settings">The attribute's named arguments, in written order: the runtime object's properties of the same names.</param>
    internal sealed record WeightingInfo(string RuntimeType, EquatableArray<WeightingSetting> Settings);

    /// <summary>One setting of a loss weighting: a property of the runtime class and its value as a C# literal.</summary>
    internal sealed record WeightingSetting(string Name, string Literal);

    /// <summary>The shared component: a partial property whose type is the runtime block (or the user's module).</summary>
    /// <param name="Accessibility">The property's accessibility keywords, repeated on the implementation part.</param>
    /// <param name="WeightDecay">Null when the attribute does not set it.</param>
    internal abstract record TrunkInfo(string Name, string Accessibility, double? WeightDecay)
    {
        /// <summary>Width of what the heads read.</summary>
        public abstract int OutputSize { get; }
    }

    /// <summary><c>[SharedTrunk(hidden...)]</c>: the runtime's MLP trunk.</summary>
    internal sealed record MlpTrunkInfo(
        string Name,
        string Accessibility,
        double? WeightDecay,
        EquatableArray<int> Hidden,
        string Activation,
        double Dropout,
        bool LayerNorm) : TrunkInfo(Name, Accessibility, WeightDecay)
    {
        public override int OutputSize => Hidden[Hidden.Count - 1];
    }

    /// <summary><c>[SharedTrunk(typeof(MyModule), OutputSize = n)]</c>: the user's module.</summary>
    internal sealed record CustomTrunkInfo(
        string Name,
        string Accessibility,
        double? WeightDecay,
        ModuleTypeInfo Module,
        int Width) : TrunkInfo(Name, Accessibility, WeightDecay)
    {
        public override int OutputSize => Width;
    }

    /// <summary><c>[AutoencoderTrunk(latent, hidden...)]</c>: heads read the latent code; a reconstruction loss joins the total.</summary>
    internal sealed record AutoencoderTrunkInfo(
        string Name,
        string Accessibility,
        double? WeightDecay,
        int Latent,
        EquatableArray<int> Hidden,
        string Activation,
        double Dropout,
        double ReconstructionWeight) : TrunkInfo(Name, Accessibility, WeightDecay)
    {
        public override int OutputSize => Latent;
    }

    /// <summary><c>[MixtureOfExperts]</c>: MMoE, one gate per task; head k reads mixture k.</summary>
    internal sealed record MixtureOfExpertsInfo(
        string Name,
        string Accessibility,
        double? WeightDecay,
        int Experts,
        EquatableArray<int> Hidden,
        string Activation) : TrunkInfo(Name, Accessibility, WeightDecay)
    {
        public override int OutputSize => Hidden[Hidden.Count - 1];
    }

    /// <summary><c>[ProgressiveLayeredExtraction]</c>: CGC/PLE; head k reads task k's path.</summary>
    internal sealed record ExtractionInfo(
        string Name,
        string Accessibility,
        double? WeightDecay,
        int SharedExperts,
        int TaskExperts,
        EquatableArray<int> Hidden,
        int Levels,
        string Activation) : TrunkInfo(Name, Accessibility, WeightDecay)
    {
        public override int OutputSize => Hidden[Hidden.Count - 1];
    }

    /// <summary><c>[CrossStitch]</c>: one tower per task, mixed after each layer; head k reads tower k.</summary>
    internal sealed record CrossStitchInfo(
        string Name,
        string Accessibility,
        double? WeightDecay,
        EquatableArray<int> Hidden,
        string Activation,
        double Dropout,
        bool LayerNorm,
        double SelfWeight) : TrunkInfo(Name, Accessibility, WeightDecay)
    {
        public override int OutputSize => Hidden[Hidden.Count - 1];
    }

    /// <summary>A user's module given as <c>typeof(...)</c>.</summary>
    /// <param name="TypeName">The fully qualified type, <c>global::My.Encoder</c>.</param>
    /// <param name="SizeParameters">
    /// The names of the constructor's <c>(int inputSize, int outputSize)</c> parameters as declared; empty when the module
    /// is built by its parameterless constructor.
    /// </param>
    internal sealed record ModuleTypeInfo(string TypeName, EquatableArray<string> SizeParameters);

    /// <summary>A task head: a partial property of type <c>MultiTask.Head</c> (or the user's module) and the task it trains.</summary>
    /// <param name="LearningRate">Null when the attribute does not set it.</param>
    /// <param name="WeightDecay">Null when the attribute does not set it.</param>
    /// <param name="Module">The user's module (<c>Module = typeof(...)</c>), or null for the runtime's <c>Head</c>.</param>
    internal sealed record HeadInfo(
        string Name,
        string Accessibility,
        EquatableArray<int> Hidden,
        string Activation,
        double Weight,
        double? LearningRate,
        double? WeightDecay,
        TaskInfo Task,
        ModuleTypeInfo? Module);

    /// <summary>The kind of task of a head, with its kind-specific settings.</summary>
    internal abstract record TaskInfo
    {
        /// <summary>Width of the head's output layer.</summary>
        public abstract int Outputs { get; }
    }

    /// <param name="ClassWeights">Empty when the attribute does not set them.</param>
    internal sealed record ClassificationTaskInfo(int Classes, double LabelSmoothing, int TopK, EquatableArray<double> ClassWeights) : TaskInfo
    {
        public override int Outputs => Classes;
    }

    /// <param name="PositiveWeight">Null when the attribute does not set it.</param>
    internal sealed record BinaryTaskInfo(double? PositiveWeight, double Threshold) : TaskInfo
    {
        public override int Outputs => 1;
    }

    internal sealed record RegressionTaskInfo(int Values, string Loss, double HuberDelta) : TaskInfo
    {
        public override int Outputs => Values;
    }
}

using Microsoft.CodeAnalysis;

namespace MultiTask.Generators.Diagnostics
{
    /// <summary>Every diagnostic the MultiTask generator reports. Each has a page <c>docs/diagnostics/{Id}.md</c>.</summary>
    internal static class DiagnosticDescriptors
    {
        /// <summary>Category of every MultiTask diagnostic.</summary>
        public const string Category = "MultiTask";

        private const string HelpLinkBase = "https://github.com/multitask-dsl/multitask/blob/main/docs/diagnostics/";

        /// <summary>MTL0001: the model class is not partial.</summary>
        public static readonly DiagnosticDescriptor ModelNotPartial = Error(
            DiagnosticIds.ModelNotPartial,
            "Model class must be partial",
            "Model class '{0}' must be declared partial so that MultiTask can generate the rest of it");

        /// <summary>MTL0002: the model declares no task head.</summary>
        public static readonly DiagnosticDescriptor NoTaskHeads = Error(
            DiagnosticIds.NoTaskHeads,
            "Model has no task heads",
            "Model '{0}' declares no task heads; add at least one, e.g. '[ClassificationHead(Classes = 10)] public partial Head Label {{ get; }}'");

        /// <summary>MTL0003: a trunk or head attribute on something that is not a partial property of the right type.</summary>
        public static readonly DiagnosticDescriptor InvalidComponentMember = Error(
            DiagnosticIds.InvalidComponentMember,
            "Trunk or head attribute on a member that is not a partial property of the right type",
            "'{0}' has [{1}] but is {2}; declare it as '{3}'");

        /// <summary>MTL0004: the model's input size is missing or not positive.</summary>
        public static readonly DiagnosticDescriptor InvalidInputSize = Error(
            DiagnosticIds.InvalidInputSize,
            "Model input size is missing or not positive",
            "Model '{0}' {1}; declare the width of an input row, e.g. [MultiTaskModel(InputSize = 64)]");

        /// <summary>MTL0005: an attribute argument has a value outside its valid range (widths, missing, inapplicable and enum arguments have IDs of their own).</summary>
        public static readonly DiagnosticDescriptor InvalidArgument = Error(
            DiagnosticIds.InvalidArgument,
            "Invalid attribute argument",
            "'{0}': {1} = {2} is invalid; {3}");

        /// <summary>MTL0006: more than one shared component (trunk, autoencoder trunk, mixture of experts, PLE).</summary>
        public static readonly DiagnosticDescriptor MultipleTrunks = Error(
            DiagnosticIds.MultipleTrunks,
            "More than one shared trunk",
            "Model '{0}' declares a second shared component '{1}'; a model has at most one [SharedTrunk], [AutoencoderTrunk], [MixtureOfExperts], [ProgressiveLayeredExtraction] or [CrossStitch] (the first is '{2}')");

        /// <summary>MTL0007: two components whose names differ only in letter case.</summary>
        public static readonly DiagnosticDescriptor DuplicateName = Error(
            DiagnosticIds.DuplicateName,
            "Task names collide",
            "'{0}' collides with '{1}': both become the field and state-dict prefix '{2}'; rename one of them");

        /// <summary>MTL0008: a type containing the model is not partial.</summary>
        public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
            DiagnosticIds.ContainingTypeNotPartial,
            "Type containing a model must be partial",
            "Type '{0}' contains the model '{1}' and must be declared partial");

        /// <summary>MTL0009: the model class has a shape the generator cannot extend.</summary>
        public static readonly DiagnosticDescriptor UnsupportedModelType = Error(
            DiagnosticIds.UnsupportedModelType,
            "Unsupported model class",
            "Model class '{0}' cannot be {1}; declare it as a non-generic, non-static, non-abstract partial class without a base class");

        /// <summary>MTL0010: a trunk or head name collides with a member the generator emits or inherits.</summary>
        public static readonly DiagnosticDescriptor ReservedName = Error(
            DiagnosticIds.ReservedName,
            "Name collides with a generated member",
            "'{0}' cannot be used as a trunk or head name: {1}; rename it");

        /// <summary>MTL0011: more than one trunk or head attribute on the same property.</summary>
        public static readonly DiagnosticDescriptor MultipleComponentAttributes = Error(
            DiagnosticIds.MultipleComponentAttributes,
            "More than one trunk or head attribute on a property",
            "'{0}' has both [{1}] and [{2}]; a property is one trunk or one head");

        /// <summary>MTL0012: a head whose loss weight is zero never trains.</summary>
        public static readonly DiagnosticDescriptor ZeroWeight = Warning(
            DiagnosticIds.ZeroWeight,
            "Task has loss weight 0",
            "Task '{0}' has Weight = 0: its loss does not reach the total, so its head never trains");

        /// <summary>MTL0013: the top-k accuracy's k exceeds the number of classes.</summary>
        public static readonly DiagnosticDescriptor TopKExceedsClasses = Warning(
            DiagnosticIds.TopKExceedsClasses,
            "TopK exceeds the number of classes",
            "'{0}': TopK = {1} exceeds Classes = {2}; the top-k accuracy uses k = {2} and is always 1");

        /// <summary>MTL0014: a member the user wrote has the name of a member the generator emits.</summary>
        public static readonly DiagnosticDescriptor MemberCollidesWithGenerated = Error(
            DiagnosticIds.MemberCollidesWithGenerated,
            "Member collides with a generated member",
            "Model '{0}' declares {1} '{2}', but the generator emits {3}; rename or remove it");

        /// <summary>MTL0015: every head has loss weight 0, so the total loss is constant.</summary>
        public static readonly DiagnosticDescriptor AllWeightsZero = Error(
            DiagnosticIds.AllWeightsZero,
            "Every task has loss weight 0",
            "Every task of model '{0}' has Weight = 0 ({1}): the total loss is always 0 and nothing trains; give at least one task a positive weight");

        /// <summary>MTL0016: a loss option that does not fit the head's loss.</summary>
        public static readonly DiagnosticDescriptor LossOptionMismatch = Error(
            DiagnosticIds.LossOptionMismatch,
            "Loss option does not fit the head's loss",
            "'{0}': {1} = {2} does not fit {3}; {4}");

        /// <summary>MTL0017: a trunk or head attribute in a type that is not a model.</summary>
        public static readonly DiagnosticDescriptor ComponentOutsideModel = Error(
            DiagnosticIds.ComponentOutsideModel,
            "Trunk or head attribute outside a model",
            "'{0}' has [{1}] but its type '{2}' is not marked [MultiTaskModel]; mark the type, e.g. [MultiTaskModel(InputSize = 64)], or move the property into a model");

        /// <summary>MTL0018: a model with a single task.</summary>
        public static readonly DiagnosticDescriptor SingleTask = Warning(
            DiagnosticIds.SingleTask,
            "Model has one task only",
            "Model '{0}' has one task only ('{1}'): nothing is shared between tasks, so this is single-task learning; add a second head, or suppress MTL0018 for a single-task baseline");

        /// <summary>MTL0019: no trunk and a tower on every head: the tasks share no parameter.</summary>
        public static readonly DiagnosticDescriptor NothingShared = Warning(
            DiagnosticIds.NothingShared,
            "No layer is shared between the tasks",
            "Model '{0}' has no shared trunk and a tower on every head ({1}): its tasks share no parameter and train as separate networks; move the common layers into a [SharedTrunk]");

        /// <summary>MTL0020: a head's learning rate 100 times larger or smaller than the model's.</summary>
        public static readonly DiagnosticDescriptor LearningRateFarFromModel = Warning(
            DiagnosticIds.LearningRateFarFromModel,
            "Head learning rate is 100 times away from the model's",
            "'{0}': LearningRate = {1} is {2} the model's learning rate {3}; a rate 100 times larger usually diverges and one 100 times smaller barely trains; check the exponent");

        /// <summary>MTL0021: [SoftSharing] on a model it cannot apply to.</summary>
        public static readonly DiagnosticDescriptor SoftSharingNotApplicable = Error(
            DiagnosticIds.SoftSharingNotApplicable,
            "Soft sharing does not apply to this model",
            "Model '{0}' has [SoftSharing] {1}");

        /// <summary>MTL0022: a head of a soft-sharing model without a tower of its own.</summary>
        public static readonly DiagnosticDescriptor SoftSharingNeedsTower = Error(
            DiagnosticIds.SoftSharingNeedsTower,
            "Soft sharing needs a tower on every head",
            "'{0}' takes part in soft sharing but {1}; give every head a tower of the same widths, e.g. Hidden = new[] {{ 16 }}");

        /// <summary>MTL0023: the towers of a soft-sharing model differ in shape.</summary>
        public static readonly DiagnosticDescriptor SoftSharingTowersDiffer = Error(
            DiagnosticIds.SoftSharingTowersDiffer,
            "Soft-sharing towers differ in shape",
            "'{0}' has the tower {1} but '{2}' has {3}; soft sharing pulls corresponding parameters together, so every tower needs the same widths");

        /// <summary>MTL0024: a custom module type that is not a usable nn.Module&lt;Tensor, Tensor&gt;.</summary>
        public static readonly DiagnosticDescriptor InvalidModuleType = Error(
            DiagnosticIds.InvalidModuleType,
            "Custom module type does not fit",
            "'{0}': typeof({1}) {2}; a custom trunk or head must be a non-abstract, non-generic class deriving from TorchSharp's nn.Module<Tensor, Tensor>");

        /// <summary>MTL0025: a custom module type without a constructor the generated code can call.</summary>
        public static readonly DiagnosticDescriptor NoUsableConstructor = Error(
            DiagnosticIds.NoUsableConstructor,
            "Custom module has no usable constructor",
            "'{0}': {1} has no public constructor (int inputSize, int outputSize) and no public parameterless constructor; add one of them");

        /// <summary>MTL0026: one input per task with a shared component that needs one shared input.</summary>
        public static readonly DiagnosticDescriptor InputPerTaskNotSupported = Error(
            DiagnosticIds.InputPerTaskNotSupported,
            "Shared component does not support one input per task",
            "Model '{0}' takes one input per task, which [{1}] '{2}' does not support; use [SharedTrunk], soft sharing or no shared component");

        /// <summary>MTL0027: a second loss weighting attribute on a model.</summary>
        public static readonly DiagnosticDescriptor MultipleLossWeightings = Error(
            DiagnosticIds.MultipleLossWeightings,
            "More than one loss weighting",
            "Model '{0}' has a second loss weighting [{1}]; a model trains with one (the first is [{2}])");

        /// <summary>MTL0028: a loss weighting that needs a part of the model the model does not have.</summary>
        public static readonly DiagnosticDescriptor WeightingRequirementNotMet = Error(
            DiagnosticIds.WeightingRequirementNotMet,
            "Loss weighting needs a shared component",
            "Model '{0}' has [{1}], which needs {2}, but {3}; declare a [SharedTrunk], [AutoencoderTrunk], [MixtureOfExperts], [ProgressiveLayeredExtraction] or [CrossStitch], or use another loss weighting");

        /// <summary>MTL0029: a loss weighting attribute whose runtime class or settings the generated code cannot use.</summary>
        public static readonly DiagnosticDescriptor InvalidLossWeighting = Error(
            DiagnosticIds.InvalidLossWeighting,
            "Loss weighting attribute does not name a usable runtime class",
            "[{0}] cannot train model '{1}': {2}");

        /// <summary>MTL0030: a loss weighting setting outside the range its attribute property's <c>[SettingRange]</c> states.</summary>
        public static readonly DiagnosticDescriptor WeightingSettingOutOfRange = Error(
            DiagnosticIds.WeightingSettingOutOfRange,
            "Loss weighting setting out of range",
            "[{0}] on model '{1}': {2} is out of range; {3} must be {4}");

        /// <summary>MTL0031: a loss weighting that needs one last layer every task shares (GradNorm's) on a model without one.</summary>
        public static readonly DiagnosticDescriptor WeightingNeedsSharedLayer = Error(
            DiagnosticIds.WeightingNeedsSharedLayer,
            "Loss weighting needs a last shared layer",
            "Model '{0}' has [{1}], which needs a last layer every task shares, but {2}; declare a [SharedTrunk] or an [AutoencoderTrunk], or use another loss weighting");

        /// <summary>MTL0069: a loss weighting (or a setting of one: MGDA-UB's) that needs one representation every head reads, on a model whose heads read one each.</summary>
        public static readonly DiagnosticDescriptor WeightingNeedsOneRepresentation = Error(
            DiagnosticIds.WeightingNeedsOneRepresentation,
            "Loss weighting needs one representation every head reads",
            "Model '{0}' has [{1}], which needs one representation every head reads, but {2}; declare a [SharedTrunk] or an [AutoencoderTrunk] over one shared input, or use another loss weighting");

        /// <summary>MTL0045: a classification head's class weights are not one per class.</summary>
        public static readonly DiagnosticDescriptor ClassWeightsCountMismatch = Error(
            DiagnosticIds.ClassWeightsCountMismatch,
            "Class weights do not match the class count",
            "'{0}': ClassWeights has {1} values but the head has {2} classes; give one weight per class, in class order");

        /// <summary>MTL0046: a class weight that is not a finite number above 0.</summary>
        public static readonly DiagnosticDescriptor InvalidClassWeight = Error(
            DiagnosticIds.InvalidClassWeight,
            "Class weight is not a positive finite number",
            "'{0}': ClassWeights[{1}] = {2} is invalid; a class weight must be a finite number > 0 (rows that should not count need a mask)");

        /// <summary>MTL0050: a layer width, latent width or output width that is not positive.</summary>
        public static readonly DiagnosticDescriptor NonPositiveWidth = Error(
            DiagnosticIds.NonPositiveWidth,
            "Width is not positive",
            "'{0}': {1} = {2} is not a positive width; give {3} at least 1 unit");

        /// <summary>MTL0051: an argument the component cannot do without is not given.</summary>
        public static readonly DiagnosticDescriptor MissingArgument = Error(
            DiagnosticIds.MissingArgument,
            "Required attribute argument is missing",
            "'{0}': {1} is required; {2}");

        /// <summary>MTL0052: an argument that has no meaning on this component.</summary>
        public static readonly DiagnosticDescriptor ArgumentNotApplicable = Error(
            DiagnosticIds.ArgumentNotApplicable,
            "Attribute argument does not apply",
            "'{0}': {1} = {2} does not apply: {3}; remove it");

        /// <summary>MTL0053: an enum argument cast from a number that is no member of the enum.</summary>
        public static readonly DiagnosticDescriptor UndeclaredEnumValue = Error(
            DiagnosticIds.UndeclaredEnumValue,
            "Enum argument is not a declared value",
            "'{0}': {1} = {2} is not a declared value; use one of {3}");

        /// <summary>MTL0054: an <c>[Esmm]</c> argument that names no head of the model.</summary>
        public static readonly DiagnosticDescriptor EsmmHeadNotFound = Error(
            DiagnosticIds.EsmmHeadNotFound,
            "ESMM names no head",
            "Model '{0}': [Esmm] {1} {2}; give the name of one of its heads ({3}), e.g. with nameof");

        /// <summary>MTL0055: an <c>[Esmm]</c> head that is not a binary head.</summary>
        public static readonly DiagnosticDescriptor EsmmHeadNotBinary = Error(
            DiagnosticIds.EsmmHeadNotBinary,
            "ESMM head is not a binary head",
            "Model '{0}': [Esmm] {1} names '{2}', a [{3}]; ESMM's click and conversion heads are [BinaryHead]s");

        /// <summary>MTL0056: <c>[Esmm]</c> names one head as both the click and the conversion head.</summary>
        public static readonly DiagnosticDescriptor EsmmSameHead = Error(
            DiagnosticIds.EsmmSameHead,
            "ESMM names one head twice",
            "Model '{0}': [Esmm] names '{1}' as both Click and Conversion; ESMM needs a click head and another conversion head");

        /// <summary>MTL0057: a positive weight on the ESMM conversion head, which its loss does not apply.</summary>
        public static readonly DiagnosticDescriptor EsmmConversionPositiveWeight = Warning(
            DiagnosticIds.EsmmConversionPositiveWeight,
            "ESMM conversion head's PositiveWeight is not applied",
            "'{0}' is [Esmm]'s conversion head, whose loss is the click-and-conversion loss: its PositiveWeight = {1} is not applied; remove it (the click head's PositiveWeight applies to the click loss)");

        /// <summary>MTL0058: <c>[Esmm]</c> on a model with one input per task.</summary>
        public static readonly DiagnosticDescriptor EsmmInputPerTask = Error(
            DiagnosticIds.EsmmInputPerTask,
            "ESMM does not support one input per task",
            "Model '{0}' takes one input per task, which [Esmm] does not support: the entire impression space is one input row per impression; remove InputPerTask or [Esmm]");

        /// <summary>MTL0060: a model with input fields that declares <c>InputSize</c> too.</summary>
        public static readonly DiagnosticDescriptor InputSizeWithFields = Error(
            DiagnosticIds.InputSizeWithFields,
            "Model with input fields declares InputSize",
            "Model '{0}' declares InputSize = {1} beside its input fields; remove InputSize: the trunk reads the fields' encodings, as wide as their widths together");

        /// <summary>MTL0061: input fields on a model with one input per task.</summary>
        public static readonly DiagnosticDescriptor FieldsInputPerTask = Error(
            DiagnosticIds.FieldsInputPerTask,
            "Input fields do not support one input per task",
            "Model '{0}' declares input fields and InputPerTask, which input fields do not support (every task reads the one set of fields); remove InputPerTask");

        /// <summary>MTL0062: a categorical field with neither or both of <c>Vocabulary</c> and <c>HashBuckets</c>.</summary>
        public static readonly DiagnosticDescriptor CategoricalTableSize = Error(
            DiagnosticIds.CategoricalTableSize,
            "Categorical field needs one of Vocabulary and HashBuckets",
            "'{0}': [Categorical] {1}; give exactly one of Vocabulary (ids 0 to n - 1) and HashBuckets (any id, hashed into n rows)");

        /// <summary>MTL0063: <c>SharesTableWith</c> that names no categorical field with its own table.</summary>
        public static readonly DiagnosticDescriptor SharedTableNotFound = Error(
            DiagnosticIds.SharedTableNotFound,
            "Shared embedding table not found",
            "'{0}': SharesTableWith = \"{1}\" {2}; name another [Categorical] field that has its own table, e.g. with nameof");

        /// <summary>MTL0064: a field that reads another's table but declares a table setting of its own.</summary>
        public static readonly DiagnosticDescriptor SharedTableSettings = Error(
            DiagnosticIds.SharedTableSettings,
            "Field sharing a table declares the table's settings",
            "'{0}' reads the table of '{1}' but declares {2} = {3}; a shared table's {2} is its owner's{4}: remove {2}");

        /// <summary>MTL0065: a Transformer text encoder whose heads do not divide its width.</summary>
        public static readonly DiagnosticDescriptor HeadsNotDividingWidth = Error(
            DiagnosticIds.HeadsNotDividingWidth,
            "Attention heads do not divide the width",
            "'{0}': Heads = {1} does not divide Width = {2}; the Transformer splits the width evenly among its heads (e.g. Heads = {3})");

        /// <summary>MTL0066: an image field whose convolution kernel is even.</summary>
        public static readonly DiagnosticDescriptor EvenKernel = Error(
            DiagnosticIds.EvenKernel,
            "Convolution kernel is even",
            "'{0}': Kernel = {1} is even; give an odd kernel (3, 5, ...), which padding keeps the image's size with");

        /// <summary>MTL0067: an image too small for its pooling blocks.</summary>
        public static readonly DiagnosticDescriptor ImageTooSmall = Error(
            DiagnosticIds.ImageTooSmall,
            "Image is too small for its pooling blocks",
            "'{0}': a {1}x{2} image is too small for {3} convolution blocks, each of which halves it; give at least {4}x{4} pixels or fewer Convolutions");

        /// <summary>MTL0068: an autoencoder trunk over fields whose encodings are trained.</summary>
        public static readonly DiagnosticDescriptor AutoencoderOverLearnedFields = Error(
            DiagnosticIds.AutoencoderOverLearnedFields,
            "Autoencoder trunk over learned input encodings",
            "Model '{0}': [AutoencoderTrunk] '{1}' reconstructs what it reads, but [{2}] '{3}' is encoded by trained layers, so the reconstruction target would move with them; use another shared component, or only [Dense] fields");

        private static DiagnosticDescriptor Error(string id, string title, string message)
            => Create(id, title, message, DiagnosticSeverity.Error);

        private static DiagnosticDescriptor Warning(string id, string title, string message)
            => Create(id, title, message, DiagnosticSeverity.Warning);

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity)
            => new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
    }
}

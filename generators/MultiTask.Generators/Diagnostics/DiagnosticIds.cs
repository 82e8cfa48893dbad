namespace MultiTask.Generators.Diagnostics
{
    /// <summary>
    /// The IDs of every MultiTask diagnostic. This file is also compiled into MultiTask.CodeFixes (linked), so the code fixes and
    /// the generator cannot disagree on an ID.
    /// </summary>
    internal static class DiagnosticIds
    {
        public const string ModelNotPartial = "MTL0001";
        public const string NoTaskHeads = "MTL0002";
        public const string InvalidComponentMember = "MTL0003";
        public const string InvalidInputSize = "MTL0004";
        public const string InvalidArgument = "MTL0005";
        public const string MultipleTrunks = "MTL0006";
        public const string DuplicateName = "MTL0007";
        public const string ContainingTypeNotPartial = "MTL0008";
        public const string UnsupportedModelType = "MTL0009";
        public const string ReservedName = "MTL0010";
        public const string MultipleComponentAttributes = "MTL0011";
        public const string ZeroWeight = "MTL0012";
        public const string TopKExceedsClasses = "MTL0013";
        public const string MemberCollidesWithGenerated = "MTL0014";
        public const string AllWeightsZero = "MTL0015";
        public const string LossOptionMismatch = "MTL0016";
        public const string ComponentOutsideModel = "MTL0017";
        public const string SingleTask = "MTL0018";
        public const string NothingShared = "MTL0019";
        public const string LearningRateFarFromModel = "MTL0020";
        public const string SoftSharingNotApplicable = "MTL0021";
        public const string SoftSharingNeedsTower = "MTL0022";
        public const string SoftSharingTowersDiffer = "MTL0023";
        public const string InvalidModuleType = "MTL0024";
        public const string NoUsableConstructor = "MTL0025";
        public const string InputPerTaskNotSupported = "MTL0026";
        public const string MultipleLossWeightings = "MTL0027";
        public const string WeightingRequirementNotMet = "MTL0028";
        public const string InvalidLossWeighting = "MTL0029";
        public const string WeightingSettingOutOfRange = "MTL0030";
        public const string WeightingNeedsSharedLayer = "MTL0031";
        public const string ClassWeightsCountMismatch = "MTL0045";
        public const string InvalidClassWeight = "MTL0046";
        public const string NonPositiveWidth = "MTL0050";
        public const string MissingArgument = "MTL0051";
        public const string ArgumentNotApplicable = "MTL0052";
        public const string UndeclaredEnumValue = "MTL0053";
        public const string EsmmHeadNotFound = "MTL0054";
        public const string EsmmHeadNotBinary = "MTL0055";
        public const string EsmmSameHead = "MTL0056";
        public const string EsmmConversionPositiveWeight = "MTL0057";
        public const string EsmmInputPerTask = "MTL0058";
        public const string InputSizeWithFields = "MTL0060";
        public const string FieldsInputPerTask = "MTL0061";
        public const string CategoricalTableSize = "MTL0062";
        public const string SharedTableNotFound = "MTL0063";
        public const string SharedTableSettings = "MTL0064";
        public const string HeadsNotDividingWidth = "MTL0065";
        public const string EvenKernel = "MTL0066";
        public const string ImageTooSmall = "MTL0067";
        public const string AutoencoderOverLearnedFields = "MTL0068";
        public const string WeightingNeedsOneRepresentation = "MTL0069";
    }
}

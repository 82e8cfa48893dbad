using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>
    /// Turns a class carrying <c>[MultiTaskModel]</c> into an equatable <see cref="ModelResult"/>: the model to emit and the
    /// diagnostics to report. Never throws on malformed input; a value the compiler already rejects makes the model silent.
    /// </summary>
    internal static class Parser
    {
        public const string ModelAttributeName = "MultiTask.MultiTaskModelAttribute";

        /// <summary>The attributes that declare a trunk or a head (the abstract HeadAttribute is never applied itself).</summary>
        public static readonly string[] ComponentAttributeNames =
        [
            "MultiTask.SharedTrunkAttribute",
            "MultiTask.ClassificationHeadAttribute",
            "MultiTask.BinaryHeadAttribute",
            "MultiTask.RegressionHeadAttribute",
        ];

        private const string TrunkTypeName = "Trunk";
        private const string HeadTypeName = "Head";

        /// <summary>Members of every generated model (beside the trunk and heads) and of its nested records.</summary>
        private static readonly Dictionary<string, string> ReservedNames = CreateReservedNames();

        /// <summary>The methods of every generated model: their parameter count and signature.</summary>
        private static readonly Dictionary<string, (int Parameters, string Signature)> GeneratedMethods = new(StringComparer.Ordinal)
        {
            ["forward"] = (1, "forward(Tensor)"),
            ["ComputeLoss"] = (2, "ComputeLoss(Outputs, Targets)"),
            ["Predict"] = (1, "Predict(Tensor)"),
            ["Summary"] = (0, "Summary()"),
            ["CreateTrainer"] = (1, "CreateTrainer(TrainingOptions?)"),
        };

        /// <summary>The runtime's <c>TrainingOptions.LearningRate</c> default, the reference of MTL0020 when the model sets none.</summary>
        private const double DefaultLearningRate = 1e-3;

        public static ModelResult? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type
                || context.TargetNode is not TypeDeclarationSyntax declaration
                || type.TypeKind != TypeKind.Class
                || context.Attributes.IsEmpty
                || !IsFirstModelDeclaration(type, declaration, cancellationToken))
            {
                return null;
            }

            var state = new ParseState();
            LocationInfo? identifier = LocationInfo.From(declaration.Identifier.GetLocation());

            CheckModelType(type, declaration, identifier, state);
            HierarchyInfo hierarchy = GetHierarchy(type);
            ModelSettings settings = ReadModelAttribute(context.Attributes[0], type.Name, state, cancellationToken);

            var components = new List<Component>();
            var others = new List<ISymbol>();
            bool anyHeadAttribute = false;
            bool otherSharing = type.GetAttributes().Any(a => IsInMultiTaskNamespace(a.AttributeClass) && !HasFullName(a.AttributeClass, "MultiTaskModelAttribute"));
            foreach (ISymbol member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member.IsImplicitlyDeclared || member is IMethodSymbol { AssociatedSymbol: not null })
                {
                    continue;
                }

                if (!member.GetAttributes().Any(a => Classify(a.AttributeClass) != ComponentKind.None))
                {
                    // Another MultiTask attribute on a member (an experts layer, an autoencoder trunk...) shares layers too.
                    otherSharing |= member.GetAttributes().Any(a => IsInMultiTaskNamespace(a.AttributeClass));
                    others.Add(member);
                    continue;
                }

                Component? component = ReadMember(member, state, ref anyHeadAttribute, cancellationToken);
                if (component is not null)
                {
                    components.Add(component);
                }
                else
                {
                    state.SkippedComponent = true;
                }
            }

            TrunkInfo? trunk = null;
            Component? trunkComponent = null;
            var heads = new List<Component>();
            foreach (Component component in components)
            {
                if (component.Trunk is not null)
                {
                    if (trunkComponent is null)
                    {
                        trunkComponent = component;
                        trunk = component.Trunk;
                    }
                    else
                    {
                        state.Report(DiagnosticDescriptors.MultipleTrunks, component.AttributeLocation, type.Name, component.Name, trunkComponent.Name);
                    }
                }
                else if (component.Head is not null)
                {
                    heads.Add(component);
                }
            }

            CheckNames(components, GetModuleMemberNames(context.SemanticModel.Compilation), state);
            CheckUserMembers(type.Name, others, components, state);

            if (!anyHeadAttribute)
            {
                state.Report(DiagnosticDescriptors.NoTaskHeads, identifier, type.Name);
            }

            CheckWeights(type.Name, heads, identifier, state);
            CheckLearningRates(heads, settings.LearningRate, state);
            if (!state.HasErrors)
            {
                CheckSharing(type.Name, trunk is not null || otherSharing, heads, identifier, state);
            }

            ModelInfo? model = state.HasErrors
                ? null
                : new ModelInfo(hierarchy, settings.InputSize, settings.LearningRate, trunk, heads.Select(h => h.Head!).ToEquatableArray());
            return new ModelResult(model, state.Diagnostics.ToEquatableArray());
        }

        /// <summary>
        /// MTL0017 for a trunk or head attribute on a property of a type without <c>[MultiTaskModel]</c>: nothing would implement
        /// the property. Null when the type is a model (its parser reports everything else).
        /// </summary>
        public static DiagnosticInfo? ParseComponentOutsideModel(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not IPropertySymbol { ContainingType: { } type } property || context.Attributes.IsEmpty)
            {
                return null;
            }

            foreach (AttributeData attribute in type.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (HasFullName(attribute.AttributeClass, "MultiTaskModelAttribute"))
                {
                    return null;
                }
            }

            AttributeData first = context.Attributes[0];
            return DiagnosticInfo.Create(
                DiagnosticDescriptors.ComponentOutsideModel,
                new AttributeReader(first, cancellationToken).AttributeLocation ?? LocationInfo.From(property.Locations.FirstOrDefault()),
                property.Name,
                DisplayName(first.AttributeClass),
                type.ToDisplayString());
        }

        /// <summary>
        /// A model attribute written on two partial declarations (a compiler error) reaches the transform once per declaration;
        /// only the declaration holding the first one is parsed, so one model never yields two files with the same hint name.
        /// </summary>
        private static bool IsFirstModelDeclaration(INamedTypeSymbol type, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            foreach (AttributeData attribute in type.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (HasFullName(attribute.AttributeClass, "MultiTaskModelAttribute"))
                {
                    SyntaxReference? reference = attribute.ApplicationSyntaxReference;
                    return reference is null
                        || (reference.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(reference.Span));
                }
            }

            return true;
        }

        private static void CheckModelType(INamedTypeSymbol type, TypeDeclarationSyntax declaration, LocationInfo? identifier, ParseState state)
        {
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                state.Report(DiagnosticDescriptors.ModelNotPartial, identifier, type.Name);
            }

            foreach (TypeDeclarationSyntax container in declaration.Ancestors().OfType<TypeDeclarationSyntax>())
            {
                if (!container.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    state.Report(DiagnosticDescriptors.ContainingTypeNotPartial, LocationInfo.From(container.Identifier.GetLocation()), container.Identifier.ValueText, type.Name);
                }
            }

            var reasons = new List<string>();
            if (type.IsStatic)
            {
                reasons.Add("static");
            }

            if (type.IsAbstract && !type.IsStatic)
            {
                reasons.Add("abstract");
            }

            if (type.Arity > 0)
            {
                reasons.Add("generic");
            }

            if (type.IsRecord)
            {
                reasons.Add("a record");
            }

            if (type.IsFileLocal)
            {
                reasons.Add("file-local");
            }

            for (INamedTypeSymbol? container = type.ContainingType; container is not null; container = container.ContainingType)
            {
                if (container.Arity > 0)
                {
                    reasons.Add($"nested in the generic type '{container.ToDisplayString()}'");
                }
            }

            if (type.BaseType is { } baseType && baseType.SpecialType != SpecialType.System_Object)
            {
                if (baseType.TypeKind == TypeKind.Error)
                {
                    state.HasCompilerErrors = true;
                }
                else
                {
                    reasons.Add($"derived from '{baseType.ToDisplayString()}' (MultiTask supplies the base class)");
                }
            }

            foreach (string reason in reasons)
            {
                state.Report(DiagnosticDescriptors.UnsupportedModelType, identifier, type.Name, reason);
            }
        }

        private static HierarchyInfo GetHierarchy(INamedTypeSymbol type)
        {
            string ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing
                ? containing.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Substring("global::".Length)
                : string.Empty;

            var containingTypes = new List<ContainingTypeInfo>();
            for (INamedTypeSymbol? container = type.ContainingType; container is not null; container = container.ContainingType)
            {
                string keyword = container switch
                {
                    { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
                    { IsRecord: true } => "record",
                    { TypeKind: TypeKind.Struct } => "struct",
                    { TypeKind: TypeKind.Interface } => "interface",
                    _ => "class",
                };
                containingTypes.Insert(0, new ContainingTypeInfo(Literals.Identifier(container.Name), keyword));
            }

            return new HierarchyInfo(ns, containingTypes.ToEquatableArray(), Literals.Identifier(type.Name));
        }

        private static ModelSettings ReadModelAttribute(AttributeData attribute, string model, ParseState state, CancellationToken cancellationToken)
        {
            var reader = new AttributeReader(attribute, cancellationToken);
            int? inputSize = reader.Int("InputSize");
            double? learningRate = reader.Double("LearningRate");
            state.HasCompilerErrors |= reader.HasCompilerErrors;
            if (inputSize is null)
            {
                if (!reader.HasCompilerErrors)
                {
                    state.Report(DiagnosticDescriptors.InvalidInputSize, reader.AttributeLocation, model, "does not declare InputSize");
                }
            }
            else if (inputSize <= 0)
            {
                state.Report(DiagnosticDescriptors.InvalidInputSize, reader.ArgumentLocation("InputSize"), model, $"declares InputSize = {Literals.Number(inputSize.Value)}, which is not positive");
            }

            if (learningRate is { } rate && !(IsFinite(rate) && rate > 0))
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("LearningRate"), model, "LearningRate", Literals.Number(rate), "expected a finite number > 0 (unset means 1e-3)");
            }

            return new ModelSettings(inputSize ?? 0, learningRate);
        }

        private static Component? ReadMember(ISymbol member, ParseState state, ref bool anyHeadAttribute, CancellationToken cancellationToken)
        {
            AttributeData? first = null;
            foreach (AttributeData attribute in member.GetAttributes())
            {
                ComponentKind kind = Classify(attribute.AttributeClass);
                if (kind == ComponentKind.None)
                {
                    continue;
                }

                anyHeadAttribute |= kind != ComponentKind.Trunk;
                if (first is null)
                {
                    first = attribute;
                }
                else
                {
                    state.Report(
                        DiagnosticDescriptors.MultipleComponentAttributes,
                        new AttributeReader(attribute, cancellationToken).AttributeLocation,
                        member.Name,
                        DisplayName(first.AttributeClass),
                        DisplayName(attribute.AttributeClass));
                    return null;
                }
            }

            if (first is null)
            {
                return null;
            }

            ComponentKind componentKind = Classify(first.AttributeClass);
            string typeName = componentKind == ComponentKind.Trunk ? TrunkTypeName : HeadTypeName;
            LocationInfo? location = LocationInfo.From(member.Locations.FirstOrDefault(l => l.IsInSource));

            if (member is IPropertySymbol { Type.TypeKind: TypeKind.Error })
            {
                // The compiler reports the unknown type (e.g. the MultiTask runtime is not referenced).
                state.HasCompilerErrors = true;
                return null;
            }

            string? problem = DescribeProblem(member, typeName);
            if (problem is not null)
            {
                string expected = $"public partial {typeName} {member.Name} {{ get; }}";
                state.Report(DiagnosticDescriptors.InvalidComponentMember, location, member.Name, DisplayName(first.AttributeClass), problem, expected);
                return null;
            }

            var property = (IPropertySymbol)member;
            var reader = new AttributeReader(first, cancellationToken);
            string accessibility = WrittenAccessibility(property, cancellationToken);
            var component = componentKind == ComponentKind.Trunk
                ? new Component(property.Name, location, reader.AttributeLocation, ReadTrunk(property.Name, accessibility, reader, state), null)
                : new Component(property.Name, location, reader.AttributeLocation, null, ReadHead(property.Name, accessibility, componentKind, reader, state))
                {
                    WeightLocation = reader.IsSet("Weight") ? reader.ArgumentLocation("Weight") : null,
                    LearningRateLocation = reader.ArgumentLocation("LearningRate"),
                };
            state.HasCompilerErrors |= reader.HasCompilerErrors;
            return component;
        }

        /// <summary>Why <paramref name="member"/> cannot carry a trunk or head, or null when it is a proper partial property.</summary>
        private static string? DescribeProblem(ISymbol member, string typeName)
        {
            if (member is not IPropertySymbol property)
            {
                return member switch
                {
                    IFieldSymbol => "a field",
                    IMethodSymbol => "a method",
                    IEventSymbol => "an event",
                    ITypeSymbol => "a type",
                    _ => "not a property",
                };
            }

            if (property.IsIndexer)
            {
                return "an indexer";
            }

            if (!property.IsPartialDefinition)
            {
                return "not a partial property";
            }

            if (property.PartialImplementationPart is not null)
            {
                return "already implemented (MultiTask generates the implementation)";
            }

            if (!HasFullName(property.Type, typeName))
            {
                return $"of type '{property.Type.ToDisplayString()}'";
            }

            if (property.NullableAnnotation == NullableAnnotation.Annotated)
            {
                return $"of the nullable type '{property.Type.ToDisplayString()}?'";
            }

            if (property.IsStatic)
            {
                return "static";
            }

            if (property.IsAbstract || property.IsVirtual || property.IsOverride || property.IsSealed || property.IsExtern)
            {
                return "abstract, virtual, override, sealed or extern";
            }

            if (property.IsRequired)
            {
                return "required";
            }

            if (property.RefKind != RefKind.None)
            {
                return "returned by reference";
            }

            if (property.SetMethod is not null || property.GetMethod is null)
            {
                return "not get-only";
            }

            return null;
        }

        private static TrunkInfo ReadTrunk(string name, string accessibility, AttributeReader reader, ParseState state)
        {
            ImmutableArray<int> hidden = reader.ConstructorIntArray() ?? ImmutableArray<int>.Empty;
            if (hidden.IsEmpty && !reader.HasCompilerErrors)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.AttributeLocation, name, "hidden", "[]", "a trunk needs at least one layer width, e.g. [SharedTrunk(128, 64)]");
            }

            for (int i = 0; i < hidden.Length; i++)
            {
                if (hidden[i] <= 0)
                {
                    state.Report(DiagnosticDescriptors.InvalidArgument, reader.ConstructorElementLocation(i), name, $"hidden[{i}]", Literals.Number(hidden[i]), "layer widths must be positive");
                }
            }

            string activation = ReadActivation(name, reader, state);
            double dropout = reader.Double("Dropout") ?? 0;
            if (!(IsFinite(dropout) && dropout >= 0 && dropout < 1))
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Dropout"), name, "Dropout", Literals.Number(dropout), "expected a probability in [0, 1)");
            }

            bool layerNorm = reader.Bool("LayerNorm") ?? false;
            double? weightDecay = ReadNonNegative(name, "WeightDecay", reader, state);
            return new TrunkInfo(name, accessibility, hidden.ToEquatableArray(), activation, dropout, layerNorm, weightDecay);
        }

        private static HeadInfo ReadHead(string name, string accessibility, ComponentKind kind, AttributeReader reader, ParseState state)
        {
            ImmutableArray<int> hidden = reader.IntArray("Hidden") ?? ImmutableArray<int>.Empty;
            for (int i = 0; i < hidden.Length; i++)
            {
                if (hidden[i] <= 0)
                {
                    state.Report(DiagnosticDescriptors.InvalidArgument, reader.ElementLocation("Hidden", i), name, $"Hidden[{i}]", Literals.Number(hidden[i]), "layer widths must be positive");
                }
            }

            string activation = ReadActivation(name, reader, state);
            double weight = ReadNonNegative(name, "Weight", reader, state) ?? 1;
            double? learningRate = ReadNonNegative(name, "LearningRate", reader, state);
            double? weightDecay = ReadNonNegative(name, "WeightDecay", reader, state);

            TaskInfo task = kind switch
            {
                ComponentKind.Classification => ReadClassification(name, reader, state),
                ComponentKind.Binary => ReadBinary(name, reader, state),
                _ => ReadRegression(name, reader, state),
            };
            return new HeadInfo(name, accessibility, hidden.ToEquatableArray(), activation, weight, learningRate, weightDecay, task);
        }

        private static TaskInfo ReadClassification(string name, AttributeReader reader, ParseState state)
        {
            int? classes = reader.Int("Classes");
            if (classes is null && !reader.HasCompilerErrors)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.AttributeLocation, name, "Classes", "0 (unset)", "a classification head needs at least 2 classes, e.g. [ClassificationHead(Classes = 10)]");
            }
            else if (classes == 1)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Classes"), name, "Classes", "1", "one class leaves nothing to predict: a classification head needs at least 2 classes (for a yes/no task use [BinaryHead])");
            }
            else if (classes < 2)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Classes"), name, "Classes", Literals.Number(classes.Value), "a classification head needs at least 2 classes");
            }

            double labelSmoothing = reader.Double("LabelSmoothing") ?? 0;
            if (!(IsFinite(labelSmoothing) && labelSmoothing >= 0 && labelSmoothing < 1))
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("LabelSmoothing"), name, "LabelSmoothing", Literals.Number(labelSmoothing), "expected a value in [0, 1)");
            }
            else if (classes >= 2 && labelSmoothing > 0 && labelSmoothing * classes.Value >= classes.Value - 1)
            {
                // The smoothed target of the true class, 1 - e + e/K, is then no larger than that of any other class, e/K.
                string limit = Literals.Number((classes.Value - 1) / (double)classes.Value);
                state.Report(
                    DiagnosticDescriptors.LossOptionMismatch,
                    reader.ArgumentLocation("LabelSmoothing"),
                    name,
                    "LabelSmoothing",
                    Literals.Number(labelSmoothing),
                    $"Classes = {Literals.Number(classes.Value)}",
                    $"from (K - 1) / K = {limit} on, the smoothed target of the true class is no larger than the others'; use a value below {limit}, e.g. 0.1");
            }

            int topK = reader.Int("TopK") ?? 5;
            if (topK < 1)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("TopK"), name, "TopK", Literals.Number(topK), "expected at least 1");
            }
            else if (classes >= 2 && topK > classes && reader.IsSet("TopK"))
            {
                state.Report(DiagnosticDescriptors.TopKExceedsClasses, reader.ArgumentLocation("TopK"), name, Literals.Number(topK), Literals.Number(classes.Value));
            }

            return new ClassificationTaskInfo(classes ?? 0, labelSmoothing, topK);
        }

        private static TaskInfo ReadBinary(string name, AttributeReader reader, ParseState state)
        {
            double? positiveWeight = ReadNonNegative(name, "PositiveWeight", reader, state);
            if (positiveWeight == 0)
            {
                state.Report(
                    DiagnosticDescriptors.LossOptionMismatch,
                    reader.ArgumentLocation("PositiveWeight"),
                    name,
                    "PositiveWeight",
                    "0",
                    "the binary cross-entropy",
                    "it multiplies the loss of every positive row, so 0 ignores them and the head learns to answer no; use a positive weight, or remove PositiveWeight for 1");
            }

            double threshold = reader.Double("Threshold") ?? 0.5;
            if (!(threshold > 0 && threshold < 1))
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Threshold"), name, "Threshold", Literals.Number(threshold), "expected a probability in (0, 1)");
            }

            return new BinaryTaskInfo(positiveWeight, threshold);
        }

        private static TaskInfo ReadRegression(string name, AttributeReader reader, ParseState state)
        {
            int outputs = reader.Int("Outputs") ?? 1;
            if (outputs <= 0)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Outputs"), name, "Outputs", Literals.Number(outputs), "a regression head predicts at least 1 value per row");
            }

            string loss = "Mse";
            if (reader.Enum("Loss") is { } lossValue)
            {
                if (lossValue.Name is null)
                {
                    state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Loss"), name, "Loss", Literals.Number(lossValue.Number), $"expected one of {lossValue.Members}");
                }
                else
                {
                    loss = lossValue.Name;
                }
            }

            double huberDelta = reader.Double("HuberDelta") ?? 1;
            if (!(IsFinite(huberDelta) && huberDelta > 0))
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("HuberDelta"), name, "HuberDelta", Literals.Number(huberDelta), "expected a finite number > 0");
            }
            else if (reader.IsSet("HuberDelta") && loss != "Huber" && (reader.Enum("Loss") is null || reader.Enum("Loss")!.Name is not null))
            {
                state.Report(
                    DiagnosticDescriptors.LossOptionMismatch,
                    reader.ArgumentLocation("HuberDelta"),
                    name,
                    "HuberDelta",
                    Literals.Number(huberDelta),
                    reader.IsSet("Loss") ? $"Loss = {loss}" : $"Loss = {loss} (the default)",
                    "only the Huber loss has a delta; set Loss = RegressionLoss.Huber, or remove HuberDelta");
            }

            return new RegressionTaskInfo(outputs, loss, huberDelta);
        }

        private static string ReadActivation(string name, AttributeReader reader, ParseState state)
        {
            EnumValue? value = reader.Enum("Activation");
            if (value is null)
            {
                return "ReLU";
            }

            if (value.Name is null)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Activation"), name, "Activation", Literals.Number(value.Number), $"expected one of {value.Members}");
                return "ReLU";
            }

            return value.Name;
        }

        /// <summary>A double that must be finite and not negative; null when the attribute does not set it.</summary>
        private static double? ReadNonNegative(string name, string argument, AttributeReader reader, ParseState state)
        {
            double? value = reader.Double(argument);
            if (value is { } number && !(IsFinite(number) && number >= 0))
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation(argument), name, argument, Literals.Number(number), "expected a finite number >= 0");
            }

            return value;
        }

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
        /// MTL0018 for a single task, MTL0019 when no layer is shared (no trunk nor another sharing attribute, a tower on every head).
        /// Only for a model without errors.
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

        /// <summary>
        /// MTL0014 for a member the user wrote whose name the generated part also declares: a nested record or class, a method
        /// with the same number of parameters, the parameterless constructor, or the field of a component or task.
        /// </summary>
        private static void CheckUserMembers(string model, List<ISymbol> members, List<Component> components, ParseState state)
        {
            var generated = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string record in new[] { "Outputs", "Targets", "Batch", "Losses", "Metrics", "Predictions" })
            {
                generated[record] = $"the nested record '{record}'";
            }

            generated["TrainingOptions"] = "the nested class 'TrainingOptions'";
            generated["Trainer"] = "the nested class 'Trainer'";
            foreach (Component component in components)
            {
                string field = Literals.CamelCase(component.Name);
                if (field != component.Name)
                {
                    generated[field] = $"the field '{field}' that holds '{component.Name}'";
                }

                if (component.Head is not null)
                {
                    generated[component.Name + "Task"] = $"the static field '{component.Name}Task' of the task '{component.Name}'";
                }
            }

            foreach (ISymbol member in members)
            {
                LocationInfo? location = LocationInfo.From(member.Locations.FirstOrDefault(l => l.IsInSource));
                if (location is null)
                {
                    continue;
                }

                if (member is IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false, Parameters.Length: 0 })
                {
                    state.Report(DiagnosticDescriptors.MemberCollidesWithGenerated, location, model, "a parameterless constructor", model + "()", "the parameterless constructor that builds the layers (initialize fields with initializers instead)");
                    continue;
                }

                if (member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor })
                {
                    continue;
                }

                string? emitted = null;
                if (GeneratedMethods.TryGetValue(member.Name, out (int Parameters, string Signature) method))
                {
                    if (member is not IMethodSymbol userMethod || userMethod.Parameters.Length == method.Parameters)
                    {
                        emitted = $"the method '{method.Signature}'";
                    }
                }
                else if (generated.TryGetValue(member.Name, out string? what))
                {
                    emitted = what;
                }

                if (emitted is not null)
                {
                    state.Report(DiagnosticDescriptors.MemberCollidesWithGenerated, location, model, Describe(member), member.Name, emitted);
                }
            }
        }

        private static string Describe(ISymbol member) => member switch
        {
            IMethodSymbol => "a method",
            IPropertySymbol => "a property",
            IFieldSymbol => "a field",
            IEventSymbol => "an event",
            ITypeSymbol => "a type",
            _ => "a member",
        };

        /// <summary>MTL0007 for names equal but for letter case, MTL0010 for names that collide with generated or inherited members.</summary>
        private static void CheckNames(List<Component> components, ImmutableHashSet<string> moduleMembers, ParseState state)
        {
            var names = new HashSet<string>(components.Select(c => c.Name), StringComparer.Ordinal);
            for (int i = 0; i < components.Count; i++)
            {
                Component component = components[i];
                string field = Literals.CamelCase(component.Name);

                Component? earlier = components.Take(i).FirstOrDefault(c => string.Equals(c.Name, component.Name, StringComparison.OrdinalIgnoreCase));
                if (earlier is not null && earlier.Name == component.Name)
                {
                    // Two members with the same name: the compiler reports it (CS0102).
                    state.HasCompilerErrors = true;
                    continue;
                }

                if (earlier is not null)
                {
                    state.Report(DiagnosticDescriptors.DuplicateName, component.Location, component.Name, earlier.Name, field);
                    continue;
                }

                string? reason = null;
                if (ReservedNames.TryGetValue(component.Name, out string? reserved))
                {
                    reason = reserved;
                }
                else if (field == component.Name)
                {
                    reason = $"its field would be named '{field}' too (names start with an upper-case letter)";
                }
                else if (component.Name.EndsWith("Task", StringComparison.Ordinal) && names.Contains(component.Name.Substring(0, component.Name.Length - 4)))
                {
                    reason = $"the generated model has a static field '{component.Name}' for the task '{component.Name.Substring(0, component.Name.Length - 4)}'";
                }
                else if (moduleMembers.Contains(component.Name))
                {
                    reason = $"it would hide the member '{component.Name}' of TorchSharp's nn.Module";
                }
                else if (moduleMembers.Contains(field))
                {
                    reason = $"its field '{field}' would hide the member '{field}' of TorchSharp's nn.Module";
                }

                if (reason is not null)
                {
                    state.Report(DiagnosticDescriptors.ReservedName, component.Location, component.Name, reason);
                }
            }
        }

        /// <summary>Names of the accessible members of <c>nn.Module&lt;T, TResult&gt;</c> and its base classes (empty without TorchSharp).</summary>
        private static ImmutableHashSet<string> GetModuleMemberNames(Compilation compilation)
        {
            INamedTypeSymbol? module = compilation.GetTypeByMetadataName("TorchSharp.torch+nn+Module`2");
            if (module is null)
            {
                return ImmutableHashSet<string>.Empty;
            }

            var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            for (INamedTypeSymbol? type = module; type is not null; type = type.BaseType)
            {
                foreach (ISymbol member in type.GetMembers())
                {
                    if (member.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal
                        && member is not IMethodSymbol { MethodKind: not MethodKind.Ordinary })
                    {
                        names.Add(member.Name);
                    }
                }
            }

            return names.ToImmutable();
        }

        private static Dictionary<string, string> CreateReservedNames()
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string member in new[] { "Outputs", "Targets", "Batch", "Losses", "Metrics", "Predictions", "TrainingOptions", "Trainer", "ComputeLoss", "Predict", "Summary", "CreateTrainer" })
            {
                names[member] = $"the generated model already has a member '{member}'";
            }

            names["Total"] = "the generated record 'Losses' already has a member 'Total'";
            names["Loss"] = "the generated record 'Metrics' already has a member 'Loss'";
            names["Select"] = "the generated record 'Targets' already has a member 'Select'";
            foreach (string member in new[] { "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "ReferenceEquals", "Finalize" })
            {
                names[member] = $"every generated record already has a member '{member}'";
            }

            foreach (string member in new[] { "Epochs", "LearningRate", "WeightDecay", "Optimizer", "Momentum", "GradientClipNorm", "Seed", "EarlyStopping", "Progress", "StepProgress", "StepProgressInterval" })
            {
                names[member] = $"the generated 'TrainingOptions' inherits a member '{member}'";
            }

            return names;
        }

        private static ComponentKind Classify(INamedTypeSymbol? attributeClass)
        {
            if (attributeClass is null || attributeClass.TypeKind == TypeKind.Error)
            {
                return ComponentKind.None;
            }

            if (HasFullName(attributeClass, "SharedTrunkAttribute"))
            {
                return ComponentKind.Trunk;
            }

            if (HasFullName(attributeClass, "ClassificationHeadAttribute"))
            {
                return ComponentKind.Classification;
            }

            if (HasFullName(attributeClass, "BinaryHeadAttribute"))
            {
                return ComponentKind.Binary;
            }

            return HasFullName(attributeClass, "RegressionHeadAttribute") ? ComponentKind.Regression : ComponentKind.None;
        }

        /// <summary>True when <paramref name="type"/> is a top-level type of the namespace <c>MultiTask</c>.</summary>
        private static bool IsInMultiTaskNamespace(ITypeSymbol? type)
            => type is { ContainingType: null, ContainingNamespace: { Name: "MultiTask", ContainingNamespace.IsGlobalNamespace: true } };

        /// <summary>True when <paramref name="type"/> is <c>MultiTask.{name}</c>.</summary>
        private static bool HasFullName(ITypeSymbol? type, string name)
            => type is { ContainingType: null, ContainingNamespace: { Name: "MultiTask", ContainingNamespace.IsGlobalNamespace: true } }
               && type.Name == name;

        internal static string DisplayName(INamedTypeSymbol? attributeClass)
        {
            string name = attributeClass?.Name ?? "?";
            return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }

        /// <summary>
        /// The accessibility keywords as written on the partial definition, in their order ("" when none: the implementation
        /// part must repeat exactly these, CS8799).
        /// </summary>
        private static string WrittenAccessibility(IPropertySymbol property, CancellationToken cancellationToken)
        {
            foreach (SyntaxReference reference in property.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is PropertyDeclarationSyntax declaration)
                {
                    return string.Join(" ", declaration.Modifiers
                        .Where(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.PrivateKeyword))
                        .Select(m => m.Text));
                }
            }

            return AccessibilityKeywords(property.DeclaredAccessibility);
        }

        private static string AccessibilityKeywords(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedOrInternal => "protected internal",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => "private",
        };

        private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        private enum ComponentKind
        {
            None,
            Trunk,
            Classification,
            Binary,
            Regression,
        }

        private sealed record Component(string Name, LocationInfo? Location, LocationInfo? AttributeLocation, TrunkInfo? Trunk, HeadInfo? Head)
        {
            /// <summary>Where a head's <c>Weight</c> is written; null when it is not.</summary>
            public LocationInfo? WeightLocation { get; init; }

            /// <summary>Where a head's <c>LearningRate</c> is written (else its attribute).</summary>
            public LocationInfo? LearningRateLocation { get; init; }
        }

        private sealed record ModelSettings(int InputSize, double? LearningRate);

        private sealed class ParseState
        {
            public List<DiagnosticInfo> Diagnostics { get; } = new();

            /// <summary>An input the compiler already rejects: no source is emitted, and no MultiTask diagnostic repeats it.</summary>
            public bool HasCompilerErrors { get; set; }

            /// <summary>A member with a trunk or head attribute that did not become a component (it has an error).</summary>
            public bool SkippedComponent { get; set; }

            public bool HasErrors => HasCompilerErrors || Diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);

            public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] args)
                => Diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));
        }
    }
}

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
using MultiTask.Generators.Plans;

namespace MultiTask.Generators.Parsing
{
    /// <summary>
    /// Turns a class carrying <c>[MultiTaskModel]</c> into an equatable <see cref="ModelResult"/>: the model to emit and the
    /// diagnostics to report. Never throws on malformed input; a value the compiler already rejects makes the model silent.
    /// </summary>
    internal static partial class Parser
    {
        public const string ModelAttributeName = "MultiTask.MultiTaskModelAttribute";

        private const string TrunkTypeName = "Trunk";
        private const string HeadTypeName = "Head";

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
            var modelReader = new AttributeReader(context.Attributes[0], cancellationToken);
            bool hasFields = DeclaresFields(type);
            int inputSize = hasFields ? CheckNoInputSize(modelReader, type.Name, state) : ReadInputSize(modelReader, type.Name, state);
            double? learningRate = ReadModelLearningRate(modelReader, type.Name, state);
            bool inputPerTask = modelReader.Bool("InputPerTask") ?? false;
            state.HasCompilerErrors |= modelReader.HasCompilerErrors;
            SoftSharing? softSharing = ReadSoftSharing(type, state, cancellationToken);
            var moduleBase = new ModuleBase(context.SemanticModel.Compilation);

            var components = new List<Component>();
            var others = new List<ISymbol>();
            bool anyHeadAttribute = false;

            // [SoftSharing], or any other MultiTask attribute on the class beside [MultiTaskModel] and the loss weighting, shares between the tasks.
            bool otherSharing = type.GetAttributes().Any(a => IsInMultiTaskNamespace(a.AttributeClass) && !HasFullName(a.AttributeClass, "MultiTaskModelAttribute") && !HasFullName(a.AttributeClass, EsmmAttributeName) && !IsLossWeightingAttribute(a.AttributeClass));
            foreach (ISymbol member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member.IsImplicitlyDeclared || member is IMethodSymbol { AssociatedSymbol: not null })
                {
                    continue;
                }

                if (!member.GetAttributes().Any(a => Classify(a.AttributeClass) is not null))
                {
                    // Another MultiTask attribute on a member (one this generator does not know as a component) shares layers too.
                    otherSharing |= member.GetAttributes().Any(a => IsInMultiTaskNamespace(a.AttributeClass));
                    others.Add(member);
                    continue;
                }

                Component? component = ReadMember(member, moduleBase, state, ref anyHeadAttribute, cancellationToken);
                if (component is not null)
                {
                    components.Add(component);
                }
                else
                {
                    state.SkippedComponent = true;
                }
            }

            Component? trunkComponent = null;
            var headComponents = new List<Component>();
            foreach (Component component in components)
            {
                if (component.Trunk is not null)
                {
                    if (trunkComponent is null)
                    {
                        trunkComponent = component;
                    }
                    else
                    {
                        state.Report(DiagnosticDescriptors.MultipleTrunks, component.AttributeLocation, type.Name, component.Name, trunkComponent.Name);
                    }
                }
                else if (component.Head is not null)
                {
                    headComponents.Add(component);
                }
            }

            if (softSharing is not null)
            {
                CheckSoftSharing(type.Name, softSharing, trunkComponent, headComponents, state);
            }

            EsmmInfo? esmm = ReadEsmm(type, inputPerTask, headComponents, state, cancellationToken);
            EquatableArray<FieldInfo> fields = ReadFields(type, components, modelReader, trunkComponent, state);
            var architecture = new ModelInfo(
                hierarchy,
                fields.IsEmpty ? inputSize : fields.Sum(f => f.Width),
                learningRate,
                inputPerTask,
                trunkComponent?.Trunk,
                softSharing?.Lambda,
                headComponents.Select(c => c.Head!).ToImmutableArray().ToEquatableArray(),
                DefaultWeightingInfo)
            {
                Esmm = esmm,
                Fields = fields,
            };

            // The plan answers what the checks ask of the architecture; the loss weighting is no part of what it writes.
            SharingPlan plan = SharingPlan.For(architecture);
            var sharing = new WeightingSharing(trunkComponent, plan.Shared?.EndsInSharedLayer ?? false, plan.Shared?.OneRepresentation ?? false, inputPerTask, softSharing is not null);
            WeightingInfo weighting = ReadWeighting(type, context.SemanticModel.Compilation, sharing, state, cancellationToken);
            ModelInfo declared = architecture with { Weighting = weighting };
            if (inputPerTask && fields.IsEmpty && !plan.TakesInputPerTask && trunkComponent is not null)
            {
                state.Report(DiagnosticDescriptors.InputPerTaskNotSupported, trunkComponent.AttributeLocation, type.Name, trunkComponent.Attribute, trunkComponent.Name);
            }

            // The names the emitter would write for this declaration: the user's names are checked against these.
            GeneratedMember[] generated = ModelMembers.Of(plan).ToArray();
            CheckNames(components, context.SemanticModel.Compilation, generated, state);
            CheckUserMembers(type.Name, others, components, generated, state);

            if (!anyHeadAttribute)
            {
                state.Report(DiagnosticDescriptors.NoTaskHeads, identifier, type.Name);
            }

            CheckWeights(type.Name, headComponents, identifier, state);
            CheckLearningRates(headComponents, learningRate, state);
            if (!state.HasErrors)
            {
                // A [SoftSharing] model with one head has an error (MTL0021), so MTL0018 never repeats it.
                CheckSharing(type.Name, trunkComponent is not null || softSharing is not null || otherSharing || fields.Any(f => f is not DenseFieldInfo), headComponents, identifier, state);
            }

            ModelInfo? model = state.HasErrors ? null : declared;
            return new ModelResult(model, state.Diagnostics.ToEquatableArray())
            {
                Stub = model is null ? GetStub(type, hierarchy, cancellationToken) : null,
            };
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

        /// <summary>How a partial part of <paramref name="type"/> is declared: <c>class</c>, <c>record struct</c>, ...</summary>
        private static string Keyword(INamedTypeSymbol type) => type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            { TypeKind: TypeKind.Interface } => "interface",
            _ => "class",
        };

        private static HierarchyInfo GetHierarchy(INamedTypeSymbol type)
        {
            string ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing
                ? containing.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Substring("global::".Length)
                : string.Empty;

            var containingTypes = new List<ContainingTypeInfo>();
            for (INamedTypeSymbol? container = type.ContainingType; container is not null; container = container.ContainingType)
            {
                containingTypes.Insert(0, new ContainingTypeInfo(Literals.Identifier(container.Name), Keyword(container)));
            }

            return new HierarchyInfo(ns, containingTypes.ToEquatableArray(), Literals.Identifier(type.Name));
        }

        private static int ReadInputSize(AttributeReader reader, string model, ParseState state)
        {
            int? inputSize = reader.Int("InputSize");
            if (inputSize is null)
            {
                if (!reader.HasCompilerErrors)
                {
                    state.Report(DiagnosticDescriptors.InvalidInputSize, reader.AttributeLocation, model, "does not declare InputSize");
                }

                return 0;
            }

            if (inputSize <= 0)
            {
                state.Report(DiagnosticDescriptors.InvalidInputSize, reader.ArgumentLocation("InputSize"), model, $"declares InputSize = {Literals.Number(inputSize.Value)}, which is not positive");
            }

            return inputSize.Value;
        }

        /// <summary>The model's <c>LearningRate</c> (MTL0005 unless finite and positive); null when it is not set.</summary>
        private static double? ReadModelLearningRate(AttributeReader reader, string model, ParseState state)
        {
            double? learningRate = reader.Double("LearningRate");
            if (learningRate is { } rate && !(IsFinite(rate) && rate > 0))
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("LearningRate"), model, "LearningRate", Literals.Number(rate), "expected a finite number > 0 (unset means 1e-3)");
            }

            return learningRate;
        }

        private static Component? ReadMember(ISymbol member, ModuleBase moduleBase, ParseState state, ref bool anyHeadAttribute, CancellationToken cancellationToken)
        {
            AttributeData? first = null;
            foreach (AttributeData attribute in member.GetAttributes())
            {
                if (Classify(attribute.AttributeClass) is not { } kind)
                {
                    continue;
                }

                anyHeadAttribute |= kind.Task is not null;
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

            ComponentKind componentKind = Classify(first.AttributeClass)!;
            LocationInfo? location = LocationInfo.From(member.Locations.FirstOrDefault(l => l.IsInSource));
            var reader = new AttributeReader(first, cancellationToken);
            string attributeName = DisplayName(first.AttributeClass);

            if (member is IPropertySymbol { Type.TypeKind: TypeKind.Error })
            {
                // The compiler reports the unknown type (e.g. the MultiTask runtime is not referenced).
                state.HasCompilerErrors = true;
                return null;
            }

            // A custom module: typeof(...) given to [SharedTrunk(...)] or to a head's Module.
            ITypeSymbol? moduleType = componentKind.Module switch
            {
                ModuleArgument.Constructor => reader.ConstructorType(),
                ModuleArgument.Named => reader.Type("Module"),
                _ => null,
            };
            ModuleTypeInfo? module = null;
            if (moduleType is null && componentKind.Module == ModuleArgument.Constructor && reader.HasTypeConstructor)
            {
                state.Report(DiagnosticDescriptors.MissingArgument, reader.PositionalLocation(0), member.Name, "module", "give the module's type, e.g. [SharedTrunk(typeof(MyEncoder), OutputSize = 32)]");
                return null;
            }

            if (moduleType is not null)
            {
                LocationInfo? typeLocation = componentKind.Module == ModuleArgument.Constructor ? reader.PositionalLocation(0) : reader.ArgumentLocation("Module");
                module = ReadModuleType(member.Name, moduleType, typeLocation, moduleBase, state);
                if (module is null)
                {
                    state.HasCompilerErrors |= reader.HasCompilerErrors;
                    return null;
                }
            }

            string expectedType = moduleType is not null ? moduleType.ToDisplayString() : componentKind.RuntimeType;
            string? problem = DescribeProblem(member, type => moduleType is not null
                ? SymbolEqualityComparer.Default.Equals(type, moduleType)
                : HasFullName(type, expectedType));
            if (problem is not null)
            {
                string expected = $"public partial {expectedType} {member.Name} {{ get; }}";
                state.Report(DiagnosticDescriptors.InvalidComponentMember, location, member.Name, attributeName, problem, expected);
                return null;
            }

            var property = (IPropertySymbol)member;
            string name = property.Name;
            string accessibility = WrittenAccessibility(property, cancellationToken);
            TrunkInfo? trunk = componentKind.Shared?.Invoke(name, accessibility, module, reader, state);
            HeadInfo? head = componentKind.Task is { } task ? ReadHead(name, accessibility, task, module, reader, state) : null;
            FieldInfo? field = componentKind.Field?.Invoke(name, accessibility, reader, state);
            state.HasCompilerErrors |= reader.HasCompilerErrors;
            return new Component(name, attributeName, location, reader.AttributeLocation, reader.ArgumentLocation("Hidden"), reader.ArgumentLocation("Module"), trunk, head)
            {
                Field = field,
                SharesTableWithLocation = field is CategoricalFieldInfo { SharesTableWith: not null } ? reader.ArgumentLocation("SharesTableWith") : null,
                WeightLocation = head is not null && reader.IsSet("Weight") ? reader.ArgumentLocation("Weight") : null,
                LearningRateLocation = head is not null ? reader.ArgumentLocation("LearningRate") : null,
            };
        }

        /// <summary>Why <paramref name="member"/> cannot carry a trunk or head, or null when it is a proper partial property.</summary>
        private static string? DescribeProblem(ISymbol member, System.Func<ITypeSymbol, bool> isExpectedType)
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

            if (!isExpectedType(property.Type))
            {
                return $"of type '{property.Type.ToDisplayString()}'";
            }

            if (property.NullableAnnotation == NullableAnnotation.Annotated)
            {
                // The display string of an annotated type already ends in '?'.
                return $"of the nullable type '{property.Type.ToDisplayString()}'";
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

        /// <param name="Attribute">The attribute's name as written, e.g. <c>SharedTrunk</c>.</param>
        private sealed record Component(
            string Name,
            string Attribute,
            LocationInfo? Location,
            LocationInfo? AttributeLocation,
            LocationInfo? HiddenLocation,
            LocationInfo? ModuleLocation,
            TrunkInfo? Trunk,
            HeadInfo? Head)
        {
            /// <summary>Where a head's <c>Weight</c> is written; null when it is not.</summary>
            public LocationInfo? WeightLocation { get; init; }

            /// <summary>Where a head's <c>LearningRate</c> is written (else its attribute).</summary>
            public LocationInfo? LearningRateLocation { get; init; }

            /// <summary>The input field the member declares; null for a trunk or head.</summary>
            public FieldInfo? Field { get; init; }

            /// <summary>Where a categorical field's <c>SharesTableWith</c> is written; null when it is not.</summary>
            public LocationInfo? SharesTableWithLocation { get; init; }
        }

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

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>
    /// The loss weighting (MTL0027 to MTL0031): the model's attribute deriving from <c>LossWeightingAttribute</c>, the runtime
    /// class its <c>[WeightingMethod]</c> names, what the method requires of the model and the ranges its properties'
    /// <c>[SettingRange]</c> state. Nothing here knows a method by name, so a new method needs no generator change.
    /// </summary>
    internal static partial class Parser
    {
        /// <summary>The runtime class of a model without a loss weighting attribute.</summary>
        private const string DefaultWeighting = "global::MultiTask.StaticWeighting";

        /// <summary>What each flag of <c>WeightingRequirements</c> needs of the model, as a message says it; each needs a shared component.</summary>
        private static readonly (string Flag, string Needs)[] WeightingRequirements =
        [
            ("SharedParameters", "parameters shared by the tasks"),
            ("SharedRepresentation", "a representation the heads share"),
            (SharedLayerFlag, "a last layer every task shares"),
        ];

        /// <summary>The requirement of one last shared layer (GradNorm's), which only a trunk or an autoencoder's encoder meets (MTL0031).</summary>
        private const string SharedLayerFlag = "SharedLayer";

        /// <summary>The requirement of one representation every head reads (MGDA-UB's), which a per-task representation does not meet (MTL0069).</summary>
        private const string SharedRepresentationFlag = "SharedRepresentation";

        private static readonly WeightingInfo DefaultWeightingInfo = new(DefaultWeighting, EquatableArray<WeightingSetting>.Empty);

        /// <summary>
        /// The model's loss weighting: the default without an attribute; else the runtime class named by the attribute's
        /// <c>[WeightingMethod]</c>, checked against the compilation, with the attribute's named arguments as its settings.
        /// </summary>
        private static WeightingInfo ReadWeighting(INamedTypeSymbol model, Compilation compilation, WeightingSharing sharing, ParseState state, CancellationToken cancellationToken)
        {
            AttributeData? first = null;
            foreach (AttributeData attribute in model.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!IsLossWeightingAttribute(attribute.AttributeClass))
                {
                    continue;
                }

                if (first is null)
                {
                    first = attribute;
                }
                else if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, first.AttributeClass) && !AllowsMultiple(attribute.AttributeClass!))
                {
                    // The same attribute twice: the compiler reports it (CS0579).
                    state.HasCompilerErrors = true;
                }
                else
                {
                    state.Report(DiagnosticDescriptors.MultipleLossWeightings, new AttributeReader(attribute, cancellationToken).AttributeLocation, model.Name, DisplayName(attribute.AttributeClass), DisplayName(first.AttributeClass));
                }
            }

            if (first is null)
            {
                return DefaultWeightingInfo;
            }

            var reader = new AttributeReader(first, cancellationToken);
            WeightingInfo? weighting = ReadWeightingMethod(first, reader, model, compilation, sharing, state);
            state.HasCompilerErrors |= reader.HasCompilerErrors;
            return weighting ?? DefaultWeightingInfo;
        }

        /// <summary>The runtime class and settings of <paramref name="attribute"/>; null after a diagnostic or a compiler error.</summary>
        private static WeightingInfo? ReadWeightingMethod(AttributeData attribute, AttributeReader reader, INamedTypeSymbol model, Compilation compilation, WeightingSharing sharing, ParseState state)
        {
            INamedTypeSymbol attributeClass = attribute.AttributeClass!;
            string name = DisplayName(attributeClass);
            void Problem(LocationInfo? location, string problem) => state.Report(DiagnosticDescriptors.InvalidLossWeighting, location, name, model.Name, problem);

            if (attribute.AttributeConstructor is null)
            {
                state.HasCompilerErrors = true;
                return null;
            }

            AttributeData? method = attributeClass.GetAttributes().FirstOrDefault(a => HasFullName(a.AttributeClass, "WeightingMethodAttribute"));
            if (method is null)
            {
                Problem(reader.AttributeLocation, $"its class '{attributeClass.ToDisplayString()}' has no [WeightingMethod(\"Namespace.Class\")] naming the runtime class that implements the method");
                return null;
            }

            if (method.AttributeConstructor is null || method.ConstructorArguments.Length != 1 || method.ConstructorArguments[0].Kind != TypedConstantKind.Primitive)
            {
                state.HasCompilerErrors = true;
                return null;
            }

            string? runtimeName = method.ConstructorArguments[0].Value as string;
            if (string.IsNullOrWhiteSpace(runtimeName))
            {
                Problem(reader.AttributeLocation, "its [WeightingMethod] names no runtime class");
                return null;
            }

            INamedTypeSymbol? runtime = compilation.GetTypeByMetadataName(runtimeName!);
            string? typeProblem = runtime is null
                ? $"the runtime class '{runtimeName}' named by its [WeightingMethod] is not in the compilation; give the full name of a class in a referenced assembly"
                : DescribeWeightingType(runtime, model, compilation);
            if (typeProblem is not null)
            {
                Problem(reader.AttributeLocation, typeProblem);
                return null;
            }

            string display = runtime!.ToDisplayString();
            if (attribute.ConstructorArguments.Length > 0)
            {
                Problem(reader.AttributeLocation, $"it is given constructor arguments, which the generated code cannot pass to '{display}'; make each setting a settable property of the attribute and of '{display}'");
                return null;
            }

            List<WeightingSetting>? settings = ReadWeightingSettings(attribute, reader, runtime, compilation, model.Name, state, Problem);
            bool requirements = CheckRequirements(attribute, method, reader, name, model.Name, sharing, state);
            return settings is not null && requirements
                ? new WeightingInfo(runtime.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), settings.ToEquatableArray())
                : null;
        }

        /// <summary>
        /// The attribute's named arguments as properties of <paramref name="runtime"/>, as literals; null after a diagnostic
        /// (reported through <paramref name="problem"/>, or MTL0030 for a value outside its <c>[SettingRange]</c>) or a compiler error.
        /// </summary>
        private static List<WeightingSetting>? ReadWeightingSettings(AttributeData attribute, AttributeReader reader, INamedTypeSymbol runtime, Compilation compilation, string model, ParseState state, System.Action<LocationInfo?, string> problem)
        {
            string display = runtime.ToDisplayString();
            var settings = new List<WeightingSetting>();
            bool valid = true;
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Value.Kind == TypedConstantKind.Error)
                {
                    state.HasCompilerErrors = true;
                    valid = false;
                    continue;
                }

                string written = $"{argument.Key} = {reader.ArgumentText(argument.Key) ?? argument.Value.ToCSharpString()}";
                string valueType = argument.Value.Type?.ToDisplayString() ?? "?";
                string? literal = SettingLiteral(argument.Value);
                IPropertySymbol? property = SettableProperty(runtime, argument.Key);
                string? mismatch = literal is null
                    ? $"{written} is of type '{valueType}', which the generated code cannot write; use double, int, bool, string or an enum"
                    : property is null
                        ? $"'{display}' has no public settable property '{argument.Key}' for {written}"
                        : argument.Value.Type is null || !compilation.ClassifyCommonConversion(argument.Value.Type, property.Type).IsImplicit
                            ? $"'{display}.{argument.Key}' is of type '{property.Type.ToDisplayString()}', which {written} (of type '{valueType}') does not convert to"
                            : null;
                if (mismatch is not null)
                {
                    problem(reader.ArgumentLocation(argument.Key), mismatch);
                    valid = false;
                    continue;
                }

                if (SettingRange(attribute.AttributeClass!, argument.Key) is { } range && NumberOf(argument.Value) is { } number && !range.Contains(number))
                {
                    string shown = double.TryParse(reader.ArgumentText(argument.Key), NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? written : $"{written} ({Bound(number)})";
                    state.Report(DiagnosticDescriptors.WeightingSettingOutOfRange, reader.ArgumentLocation(argument.Key), DisplayName(attribute.AttributeClass), model, shown, argument.Key, range.Describe());
                    valid = false;
                    continue;
                }

                settings.Add(new WeightingSetting(Literals.Identifier(argument.Key), literal!));
            }

            if (!HasAttribute(TaskListConstructor(runtime), "SetsRequiredMembersAttribute"))
            {
                foreach (string required in RequiredMembers(runtime).Where(r => !attribute.NamedArguments.Any(a => a.Key == r)))
                {
                    problem(reader.AttributeLocation, $"'{display}' has the required member '{required}', which [{DisplayName(attribute.AttributeClass)}] does not set");
                    valid = false;
                }
            }

            return valid ? settings : null;
        }

        /// <summary>
        /// The <c>[SettingRange]</c> on the property <paramref name="name"/> of <paramref name="attributeClass"/> or a base class,
        /// or null when it has none. An unset, NaN or infinite bound, or one of the wrong kind, is no bound.
        /// </summary>
        private static ValueRange? SettingRange(INamedTypeSymbol attributeClass, string name)
        {
            for (INamedTypeSymbol? current = attributeClass; current is not null; current = current.BaseType)
            {
                if (current.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault() is not { } property)
                {
                    continue;
                }

                AttributeData? range = property.GetAttributes().FirstOrDefault(a => HasFullName(a.AttributeClass, "SettingRangeAttribute"));
                if (range is null)
                {
                    return null;
                }

                double? Limit(string key) => range.NamedArguments.FirstOrDefault(a => a.Key == key).Value is { Kind: TypedConstantKind.Primitive, Value: double value } && !double.IsNaN(value) && !double.IsInfinity(value) ? value : null;
                bool Flag(string key) => range.NamedArguments.Any(a => a.Key == key && a.Value is { Kind: TypedConstantKind.Primitive, Value: true });
                return new ValueRange(Limit("Minimum"), Flag("MinimumExclusive"), Limit("Maximum"), Flag("MaximumExclusive"));
            }

            return null;
        }

        /// <summary>A setting's value as a number (an int or a double), or null for another kind.</summary>
        private static double? NumberOf(TypedConstant value)
            => value is { Kind: TypedConstantKind.Primitive, Value: double number } ? number
                : value is { Kind: TypedConstantKind.Primitive, Value: int whole } ? whole
                : null;

        /// <summary>A number as a message writes it (invariant, round-trip).</summary>
        private static string Bound(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>The finite values between two optional bounds, each inclusive or exclusive: a <c>[SettingRange]</c>.</summary>
        private sealed record ValueRange(double? Minimum, bool MinimumExclusive, double? Maximum, bool MaximumExclusive)
        {
            public bool Contains(double value)
                => !double.IsNaN(value) && !double.IsInfinity(value)
                   && (Minimum is not { } minimum || (MinimumExclusive ? value > minimum : value >= minimum))
                   && (Maximum is not { } maximum || (MaximumExclusive ? value < maximum : value <= maximum));

            /// <summary>The range as a message says it: "in [0, 1)", "a finite number greater than 0", "a finite number".</summary>
            public string Describe()
            {
                if (Minimum is { } minimum && Maximum is { } maximum)
                {
                    return $"in {(MinimumExclusive ? "(" : "[")}{Bound(minimum)}, {Bound(maximum)}{(MaximumExclusive ? ")" : "]")}";
                }

                if (Minimum is { } lower)
                {
                    return MinimumExclusive ? $"a finite number greater than {Bound(lower)}" : $"a finite number of at least {Bound(lower)}";
                }

                if (Maximum is { } upper)
                {
                    return MaximumExclusive ? $"a finite number less than {Bound(upper)}" : $"a finite number of at most {Bound(upper)}";
                }

                return "a finite number";
            }
        }

        /// <summary>Why the generated code cannot write <c>new Runtime(AllTasks)</c>, or null when it can.</summary>
        private static string? DescribeWeightingType(INamedTypeSymbol runtime, INamedTypeSymbol model, Compilation compilation)
        {
            string display = runtime.ToDisplayString();
            if (runtime.TypeKind != TypeKind.Class || !DerivesFrom(runtime, "LossWeighting"))
            {
                return $"'{display}' is not a class deriving from MultiTask.LossWeighting";
            }

            if (runtime.IsAbstract)
            {
                return $"'{display}' is abstract";
            }

            if (runtime.IsGenericType)
            {
                return $"'{display}' is generic";
            }

            if (!compilation.IsSymbolAccessibleWithin(runtime, model))
            {
                return $"'{display}' is not accessible from '{model.Name}'";
            }

            return TaskListConstructor(runtime) is null ? $"'{display}' has no public constructor (IReadOnlyList<TaskDefinition> tasks) that takes the model's tasks" : null;
        }

        /// <summary>The public constructor <c>(IReadOnlyList&lt;TaskDefinition&gt; tasks)</c> the generated code calls, or null.</summary>
        private static IMethodSymbol? TaskListConstructor(INamedTypeSymbol runtime)
            => runtime.InstanceConstructors.FirstOrDefault(c => c.DeclaredAccessibility == Accessibility.Public
                && c.Parameters.Length == 1
                && c.Parameters[0].RefKind == RefKind.None
                && IsTaskList(c.Parameters[0].Type));

        /// <summary>The names of the <c>required</c> properties and fields of <paramref name="type"/> and its base classes.</summary>
        private static IEnumerable<string> RequiredMembers(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers())
                {
                    if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
                    {
                        yield return member.Name;
                    }
                }
            }
        }

        private static bool HasAttribute(ISymbol? symbol, string name)
            => symbol is not null && symbol.GetAttributes().Any(a => a.AttributeClass?.Name == name);

        /// <summary>
        /// What the method's <c>Requires</c> states, and each <c>[SettingRequires]</c> of a <c>bool</c> setting the attribute sets
        /// true, checked against the model (<see cref="CheckNeeds"/>).
        /// </summary>
        private static bool CheckRequirements(AttributeData attribute, AttributeData method, AttributeReader reader, string name, string model, WeightingSharing sharing, ParseState state)
        {
            KeyValuePair<string, TypedConstant> requires = method.NamedArguments.FirstOrDefault(a => a.Key == "Requires");
            if (requires.Key is not null && !CheckNeeds(requires.Value, reader.AttributeLocation, name, name, model, sharing, state))
            {
                return false;
            }

            bool met = true;
            foreach (KeyValuePair<string, TypedConstant> setting in attribute.NamedArguments)
            {
                if (setting.Value is { Kind: TypedConstantKind.Primitive, Value: true } && SettingRequires(attribute.AttributeClass!, setting.Key) is { } settingRequires)
                {
                    string display = $"{name}({setting.Key} = true)";
                    met &= CheckNeeds(settingRequires, reader.ArgumentLocation(setting.Key), display, name, model, sharing, state);
                }
            }

            return met;
        }

        /// <summary>
        /// MTL0028 unless the model has what every flag of <paramref name="requires"/> needs (MTL0031 for a last shared layer,
        /// MTL0069 for one representation every head reads); MTL0029 for a flag this generator does not know.
        /// </summary>
        /// <param name="display">What the message names: the attribute, or the attribute with the setting that requires it.</param>
        private static bool CheckNeeds(TypedConstant requires, LocationInfo? location, string display, string attribute, string model, WeightingSharing sharing, ParseState state)
        {
            if (requires is not { Kind: TypedConstantKind.Enum, Value: int flags, Type: INamedTypeSymbol flagsType })
            {
                state.HasCompilerErrors = true;
                return false;
            }

            var needs = new List<string>();
            int known = 0;
            bool needsLayer = false, needsRepresentation = false;
            foreach ((string flag, string need) in WeightingRequirements)
            {
                if (flagsType.GetMembers(flag).OfType<IFieldSymbol>().FirstOrDefault() is { HasConstantValue: true, ConstantValue: int value } && value != 0)
                {
                    known |= value;
                    if ((flags & value) == value)
                    {
                        needs.Add(need);
                        needsLayer |= flag == SharedLayerFlag;
                        needsRepresentation |= flag == SharedRepresentationFlag;
                    }
                }
            }

            if ((flags & ~known) != 0)
            {
                state.Report(DiagnosticDescriptors.InvalidLossWeighting, location, attribute, model,
                    $"its [WeightingMethod] requires {Literals.Number(flags & ~known)}, which is none of the requirements this version of MultiTask checks ({string.Join(", ", WeightingRequirements.Select(r => r.Flag))})");
                return false;
            }

            Component? shared = sharing.Shared;
            bool layerMissing = needsLayer && !sharing.EndsInSharedLayer;
            bool representationMissing = needsRepresentation && !sharing.OneRepresentation;
            if (needs.Count == 0 || state.SkippedComponent || (shared is not null && !layerMissing && !representationMissing))
            {
                // A skipped component may be the shared one: its own error is reported.
                return true;
            }

            string none = sharing.SoftSharing ? "its tasks share no module (soft sharing gives each task its own tower)" : "it has no shared component";
            if (shared is null && needsLayer)
            {
                state.Report(DiagnosticDescriptors.WeightingNeedsSharedLayer, location, model, display, none);
            }
            else if (shared is null)
            {
                state.Report(DiagnosticDescriptors.WeightingRequirementNotMet, location, model, display, string.Join(" and ", needs), none);
            }
            else if (layerMissing)
            {
                state.Report(DiagnosticDescriptors.WeightingNeedsSharedLayer, location, model, display, $"its [{shared.Attribute}] '{shared.Name}' ends in parallel experts that per-task gates mix");
            }
            else
            {
                string perTask = sharing.InputPerTask
                    ? $"its [{shared.Attribute}] '{shared.Name}' runs once on each task's input (InputPerTask = true)"
                    : $"its [{shared.Attribute}] '{shared.Name}' gives each head a representation of its own";
                state.Report(DiagnosticDescriptors.WeightingNeedsOneRepresentation, location, model, display, perTask);
            }

            return false;
        }

        /// <summary>The requirements of the <c>[SettingRequires]</c> on the property <paramref name="name"/> of <paramref name="attributeClass"/> or a base class, or null.</summary>
        private static TypedConstant? SettingRequires(INamedTypeSymbol attributeClass, string name)
        {
            for (INamedTypeSymbol? current = attributeClass; current is not null; current = current.BaseType)
            {
                if (current.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault() is { } property)
                {
                    AttributeData? requires = property.GetAttributes().FirstOrDefault(a => HasFullName(a.AttributeClass, "SettingRequiresAttribute"));
                    return requires is { ConstructorArguments.Length: 1 } ? requires.ConstructorArguments[0] : null;
                }
            }

            return null;
        }

        /// <summary>What the loss weighting's requirements are checked against: the model's shared component and what the heads read from it.</summary>
        /// <param name="Shared">The shared component (a trunk, an autoencoder, an expert layer, PLE or cross-stitch units), or null.</param>
        /// <param name="EndsInSharedLayer">Every task's loss passes through one last layer of it (<see cref="Plans.SharedComponentPlan.EndsInSharedLayer"/>).</param>
        /// <param name="OneRepresentation">Every head reads one representation of it (<see cref="Plans.SharedComponentPlan.OneRepresentation"/>).</param>
        /// <param name="InputPerTask">The model takes one input per task.</param>
        /// <param name="SoftSharing">The model uses soft sharing (a tower per task, no shared module).</param>
        private readonly record struct WeightingSharing(Component? Shared, bool EndsInSharedLayer, bool OneRepresentation, bool InputPerTask, bool SoftSharing);

        /// <summary>The public instance property <paramref name="name"/> of <paramref name="type"/> or a base class, when it has a public setter or init.</summary>
        private static IPropertySymbol? SettableProperty(INamedTypeSymbol type, string name)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (current.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault() is { } property)
                {
                    return property is { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, SetMethod.DeclaredAccessibility: Accessibility.Public }
                        ? property
                        : null;
                }
            }

            return null;
        }

        /// <summary>A setting's value as a C# literal (double, int, bool, string or an enum member); null for another kind.</summary>
        private static string? SettingLiteral(TypedConstant value)
        {
            if (value is { Kind: TypedConstantKind.Enum, Type: INamedTypeSymbol enumType })
            {
                string typeName = enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                foreach (IFieldSymbol field in enumType.GetMembers().OfType<IFieldSymbol>())
                {
                    if (field.HasConstantValue && Equals(field.ConstantValue, value.Value))
                    {
                        return $"{typeName}.{Literals.Identifier(field.Name)}";
                    }
                }

                string number = System.Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? "0";
                return number.StartsWith("-", System.StringComparison.Ordinal) ? $"({typeName})({number})" : $"({typeName}){number}";
            }

            if (value.Kind != TypedConstantKind.Primitive)
            {
                return null;
            }

            return value.Value switch
            {
                double number => Literals.Double(number),
                int number => Literals.Number(number),
                bool flag => Literals.Bool(flag),
                string text => Literals.String(text),
                null when value.Type?.SpecialType == SpecialType.System_String => "null",
                _ => null,
            };
        }

        /// <summary>True when <paramref name="attributeClass"/> derives, directly or not, from <c>MultiTask.LossWeightingAttribute</c>.</summary>
        private static bool IsLossWeightingAttribute(INamedTypeSymbol? attributeClass)
            => attributeClass is { TypeKind: not TypeKind.Error } && DerivesFrom(attributeClass, "LossWeightingAttribute");

        /// <summary>True when a base class of <paramref name="type"/> is <c>MultiTask.{baseName}</c>.</summary>
        private static bool DerivesFrom(INamedTypeSymbol type, string baseName)
        {
            for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (HasFullName(current, baseName))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True for <c>IReadOnlyList&lt;MultiTask.TaskDefinition&gt;</c>.</summary>
        private static bool IsTaskList(ITypeSymbol type)
            => type is INamedTypeSymbol { Name: "IReadOnlyList", Arity: 1 } list
               && list.ContainingNamespace.ToDisplayString() == "System.Collections.Generic"
               && HasFullName(list.TypeArguments[0], "TaskDefinition");

        /// <summary>The <c>AllowMultiple</c> of the attribute class's <c>[AttributeUsage]</c> (its own or inherited).</summary>
        private static bool AllowsMultiple(INamedTypeSymbol attributeClass)
        {
            for (INamedTypeSymbol? current = attributeClass; current is not null; current = current.BaseType)
            {
                foreach (AttributeData usage in current.GetAttributes())
                {
                    if (usage.AttributeClass is { Name: "AttributeUsageAttribute", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
                    {
                        return usage.NamedArguments.Any(a => a.Key == "AllowMultiple" && a.Value.Value is true);
                    }
                }
            }

            return false;
        }
    }
}

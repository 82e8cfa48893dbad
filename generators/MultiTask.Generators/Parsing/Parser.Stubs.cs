using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>The partial properties of a model with declaration errors, implemented so the compiler adds no CS9248 per property.</summary>
    internal static partial class Parser
    {
        private static readonly SymbolDisplayFormat StubTypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>
        /// The trunk and head properties to implement, or null when a partial part cannot be written: the model or a type
        /// containing it is not partial or is file-local (the MTL error says so), or it has no such property left unimplemented.
        /// </summary>
        private static StubInfo? GetStub(INamedTypeSymbol type, HierarchyInfo hierarchy, CancellationToken cancellationToken)
        {
            if (!IsPartialInEveryType(type, cancellationToken))
            {
                return null;
            }

            // A name declared twice is the compiler's error (CS0102); implementing it would add one in the generated file.
            var declaredOnce = new HashSet<string>(type.GetMembers().GroupBy(m => m.Name).Where(g => g.Count() == 1).Select(g => g.Key), System.StringComparer.Ordinal);
            var properties = new List<StubPropertyInfo>();
            foreach (ISymbol member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (declaredOnce.Contains(member.Name) && member is IPropertySymbol property && GetStubProperty(property, cancellationToken) is { } stub)
                {
                    properties.Add(stub);
                }
            }

            if (properties.Count == 0)
            {
                return null;
            }

            return new StubInfo(hierarchy.HintName, WithTypeParameters(hierarchy, type), Keyword(type), properties.ToEquatableArray());
        }

        /// <summary>
        /// The implementation of a trunk or head property (MTL0017) in a type that is not a model: one file per property, written
        /// for the property's first trunk or head attribute only (each attribute class has its own provider). Null when the type
        /// cannot be extended or the property needs none.
        /// </summary>
        private static StubInfo? GetOutsideModelStub(IPropertySymbol property, AttributeData attribute, CancellationToken cancellationToken)
        {
            INamedTypeSymbol type = property.ContainingType;
            AttributeData? first = property.GetAttributes().FirstOrDefault(a => Classify(a.AttributeClass) is not null);
            if (first is null
                || !SymbolEqualityComparer.Default.Equals(first.AttributeClass, attribute.AttributeClass)
                || !IsPartialInEveryType(type, cancellationToken)
                || type.GetMembers(property.Name).Length != 1
                || GetStubProperty(property, cancellationToken) is not { } stub)
            {
                return null;
            }

            // ".Property" keeps the name apart from a model's file, "N.M.g.cs", whatever the namespaces and types are called.
            HierarchyInfo hierarchy = GetHierarchy(type);
            string hintName = hierarchy.HintName.Substring(0, hierarchy.HintName.Length - ".g.cs".Length) + "." + property.MetadataName + ".Property.g.cs";
            return new StubInfo(hintName, WithTypeParameters(hierarchy, type), Keyword(type), new[] { stub }.ToEquatableArray());
        }

        /// <summary>A partial trunk or head property left without an implementation, as its definition is written; null for any other member.</summary>
        private static StubPropertyInfo? GetStubProperty(IPropertySymbol property, CancellationToken cancellationToken)
        {
            if (property is not { IsPartialDefinition: true, PartialImplementationPart: null, RefKind: RefKind.None }
                || !property.ExplicitInterfaceImplementations.IsEmpty
                || ContainsErrorType(property.Type)
                || property.Parameters.Any(p => ContainsErrorType(p.Type))
                || !property.GetAttributes().Any(a => Classify(a.AttributeClass) is not null)
                || property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not BasePropertyDeclarationSyntax { AccessorList: { } accessors } syntax)
            {
                return null;
            }

            string modifiers = string.Concat(syntax.Modifiers.Where(m => !m.IsKind(SyntaxKind.PartialKeyword)).Select(m => m.ValueText + " "));
            var written = accessors.Accessors
                .Select(a => string.Concat(a.Modifiers.Select(m => m.ValueText + " ")) + a.Keyword.ValueText)
                .ToEquatableArray();
            string name = property.IsIndexer
                ? "this[" + string.Join(", ", property.Parameters.Select(p => p.Type.ToDisplayString(StubTypeFormat) + " " + Literals.Identifier(p.Name))) + "]"
                : Literals.Identifier(property.Name);
            return new StubPropertyInfo(modifiers, property.Type.ToDisplayString(StubTypeFormat), name, written);
        }

        /// <summary>The hierarchy with the type parameters written after each generic name (a partial part of <c>Outer&lt;T&gt;</c>).</summary>
        private static HierarchyInfo WithTypeParameters(HierarchyInfo hierarchy, INamedTypeSymbol type)
        {
            var containers = new List<ContainingTypeInfo>();
            int i = hierarchy.ContainingTypes.Count;
            for (INamedTypeSymbol? container = type.ContainingType; container is not null; container = container.ContainingType)
            {
                i--;
                containers.Insert(0, hierarchy.ContainingTypes[i] with { Name = hierarchy.ContainingTypes[i].Name + TypeParameters(container) });
            }

            return hierarchy with { ContainingTypes = containers.ToEquatableArray(), Name = hierarchy.Name + TypeParameters(type) };
        }

        private static string TypeParameters(INamedTypeSymbol type)
            => type.TypeParameters.IsEmpty ? string.Empty : "<" + string.Join(", ", type.TypeParameters.Select(p => Literals.Identifier(p.Name))) + ">";

        /// <summary>Every part can be extended by a partial part in another file: partial, and not file-local.</summary>
        private static bool IsPartialInEveryType(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.IsFileLocal
                    || !current.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The type or one of its type arguments or element types is one the compiler could not bind (it reports that itself).</summary>
        private static bool ContainsErrorType(ITypeSymbol type) => type switch
        {
            IErrorTypeSymbol => true,
            IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
            IPointerTypeSymbol pointer => ContainsErrorType(pointer.PointedAtType),
            INamedTypeSymbol named => named.TypeArguments.Any(ContainsErrorType),
            _ => false,
        };
    }
}

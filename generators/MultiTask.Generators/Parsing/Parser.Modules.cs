using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>Custom trunks and heads: <c>typeof(MyModule)</c> where <c>MyModule : nn.Module&lt;Tensor, Tensor&gt;</c>.</summary>
    internal static partial class Parser
    {
        /// <summary>
        /// Checks the user's module type (MTL0024) and finds the constructor the generated code calls (MTL0025): a public
        /// <c>(int inputSize, int outputSize)</c> one first, else a public parameterless one. Only strings leave this method.
        /// </summary>
        private static ModuleTypeInfo? ReadModuleType(string member, ITypeSymbol type, LocationInfo? location, ModuleBase moduleBase, ParseState state)
        {
            if (type.TypeKind == TypeKind.Error || moduleBase.Module is null || moduleBase.Tensor is null)
            {
                // The compiler reports the unknown type (or the missing TorchSharp reference).
                state.HasCompilerErrors = true;
                return null;
            }

            string display = type.ToDisplayString();
            string? problem = type switch
            {
                not INamedTypeSymbol { TypeKind: TypeKind.Class } => "is not a class",
                INamedTypeSymbol { IsUnboundGenericType: true } => "is an unbound generic type",
                { IsStatic: true } => "is static",
                { IsAbstract: true } => "is abstract",
                _ when !moduleBase.IsBaseOf(type) => "does not derive from nn.Module<Tensor, Tensor>",
                _ => null,
            };
            if (problem is not null)
            {
                state.Report(DiagnosticDescriptors.InvalidModuleType, location, member, display, problem);
                return null;
            }

            IMethodSymbol[] constructors = ((INamedTypeSymbol)type).InstanceConstructors
                .Where(c => c.DeclaredAccessibility == Accessibility.Public)
                .ToArray();
            IMethodSymbol? sized = constructors.FirstOrDefault(c => c.Parameters.Length == 2
                && c.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Int32 && p.RefKind == RefKind.None));
            string typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            if (sized is not null)
            {
                return new ModuleTypeInfo(typeName, sized.Parameters.Select(p => p.Name).ToImmutableArray().ToEquatableArray());
            }

            if (constructors.Any(c => c.Parameters.Length == 0))
            {
                return new ModuleTypeInfo(typeName, EquatableArray<string>.Empty);
            }

            state.Report(DiagnosticDescriptors.NoUsableConstructor, location, member, display);
            return null;
        }

        /// <summary>TorchSharp's <c>nn.Module&lt;T, TResult&gt;</c> and <c>Tensor</c> in the compilation (null without TorchSharp).</summary>
        private sealed class ModuleBase
        {
            public ModuleBase(Compilation compilation)
            {
                Module = compilation.GetTypeByMetadataName("TorchSharp.torch+nn+Module`2");
                Tensor = compilation.GetTypeByMetadataName("TorchSharp.torch+Tensor");
            }

            public INamedTypeSymbol? Module { get; }

            public INamedTypeSymbol? Tensor { get; }

            /// <summary>True when <paramref name="type"/> derives from <c>nn.Module&lt;Tensor, Tensor&gt;</c>.</summary>
            public bool IsBaseOf(ITypeSymbol type)
            {
                for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(baseType.OriginalDefinition, Module)
                        && baseType.TypeArguments.All(argument => SymbolEqualityComparer.Default.Equals(argument, Tensor)))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}

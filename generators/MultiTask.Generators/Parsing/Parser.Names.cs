using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Plans;

namespace MultiTask.Generators.Parsing
{
    /// <summary>MTL0007 and MTL0010: the names of trunks and heads against each other, the generated members and the inherited ones.</summary>
    internal static partial class Parser
    {
        /// <summary>MTL0007 for names equal but for letter case, MTL0010 for names that collide with generated or inherited members.</summary>
        private static void CheckNames(List<Component> components, Compilation compilation, IReadOnlyList<GeneratedMember> generated, ParseState state)
        {
            var names = new HashSet<string>(components.Select(c => c.Name), StringComparer.Ordinal);

            // The members derived from each name (its field, and a head's static task field), by the component they belong to.
            var derived = new Dictionary<string, (Component Owner, string What)>(StringComparer.Ordinal);
            foreach (Component component in components)
            {
                string field = Literals.FieldName(component.Name);
                derived[field] = derived.TryGetValue(field, out var taken) ? taken : (component, $"the field '{field}' that holds '{component.Name}'");
                if (component.Field is not null)
                {
                    string descriptor = component.Name + "Field";
                    derived[descriptor] = derived.TryGetValue(descriptor, out taken) ? taken : (component, $"the static field '{descriptor}' of the input field '{component.Name}'");
                }

                if (component.Head is not null)
                {
                    string task = component.Name + "Task";
                    derived[task] = derived.TryGetValue(task, out taken) ? taken : (component, $"the static field '{task}' of the task '{component.Name}'");
                }
            }

            ImmutableHashSet<string> moduleMembers = GetInheritedMemberNames(compilation, "TorchSharp.torch+nn+Module`2");
            ImmutableHashSet<string> optionsMembers = GetInheritedMemberNames(compilation, "MultiTask.TrainingOptions`1");
            ImmutableHashSet<string> columnsMembers = GetInheritedMemberNames(compilation, "MultiTask.ColumnMap`1").Union(GetInheritedMemberNames(compilation, "MultiTask.PerTaskColumnMap`1")).Union(GetInheritedMemberNames(compilation, "MultiTask.FieldColumnMap`1"));
            for (int i = 0; i < components.Count; i++)
            {
                Component component = components[i];
                string field = Literals.FieldName(component.Name);

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
                if (generated.FirstOrDefault(m => m.Meets(component.Name, field)) is { } member)
                {
                    reason = member.Reason;
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
                else if (optionsMembers.Contains(component.Name))
                {
                    reason = $"the generated 'TrainingOptions' inherits a member '{component.Name}'";
                }
                else if (columnsMembers.Contains(component.Name))
                {
                    reason = $"the generated 'Columns' inherits a member '{component.Name}'";
                }
                else if (derived.TryGetValue(component.Name, out var owner) && owner.Owner != component)
                {
                    reason = $"the generated model has {owner.What}";
                }
                else if (derived[field].Owner != component)
                {
                    reason = $"its field '{field}' would be {derived[field].What}";
                }
                else if (component.Head is not null && derived[component.Name + "Task"].Owner != component)
                {
                    reason = $"its static task field '{component.Name}Task' would be {derived[component.Name + "Task"].What}";
                }

                if (reason is not null)
                {
                    state.Report(DiagnosticDescriptors.ReservedName, component.Location, component.Name, reason);
                }
            }
        }

        /// <summary>
        /// Names of the members a derived class sees of <paramref name="metadataName"/> (<c>nn.Module&lt;T, TResult&gt;</c>, the
        /// runtime's <c>TrainingOptions&lt;TMetrics&gt;</c>) and its base classes; empty when the compilation lacks it.
        /// </summary>
        private static ImmutableHashSet<string> GetInheritedMemberNames(Compilation compilation, string metadataName)
        {
            INamedTypeSymbol? baseClass = compilation.GetTypeByMetadataName(metadataName);
            if (baseClass is null)
            {
                return ImmutableHashSet<string>.Empty;
            }

            var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            for (INamedTypeSymbol? type = baseClass; type is not null; type = type.BaseType)
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
    }
}

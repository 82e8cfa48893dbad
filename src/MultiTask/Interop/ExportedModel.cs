using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask
{
    /// <summary>
    /// What the PyTorch export needs to know of a generated model: its tasks with their heads, its components in registration
    /// order, its input, its outputs and the auxiliary terms of its declared loss (read from the declaration's attributes).
    /// </summary>
    internal sealed record ExportedModel(
        Type ModelType,
        IReadOnlyList<TaskDefinition> Tasks,
        IReadOnlyList<string> HeadFields,
        IReadOnlyList<PythonComponent> Components,
        IReadOnlyList<string> Outputs,
        int InputSize,
        bool InputPerTask,
        double? SoftSharingLambda,
        double? ReconstructionWeight,
        string Weighting)
    {
        public string ClassName => PythonText.ClassName(ModelType);

        /// <summary>The component the heads read from, if any.</summary>
        public PythonComponent? Trunk => Components.SingleOrDefault(c => c.Role is ComponentRole.Trunk or ComponentRole.Autoencoder or ComponentRole.PerTaskTrunk);

        /// <summary>Input fields' encoders (embeddings, text and image encoders) have no translation in model.py yet.</summary>
        private static void RefuseInputFields(Type type)
        {
            string[] fields = type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .SelectMany(p => p.GetCustomAttributes().Where(IsFieldAttribute).Select(a => $"[{a.GetType().Name.Replace("Attribute", string.Empty, StringComparison.Ordinal)}] {p.Name}"))
                .ToArray();
            if (fields.Length > 0)
            {
                throw new NotSupportedException($"{type.Name} reads input fields ({string.Join(", ", fields)}), which the PyTorch export does not translate yet (model.py would have no encoders for them); nothing was written.");
            }
        }

        private static bool IsFieldAttribute(Attribute attribute)
            => attribute is DenseAttribute or CategoricalAttribute or TokenSequenceAttribute or ImageAttribute;

        public static ExportedModel Of<TBatch>(IMultiTaskNetwork<TBatch> network)
        {
            var model = (nn.Module)network;
            RefuseInputFields(model.GetType());
            ModelParts parts = network.Parts;
            if (parts.Shared.Count > 1 || parts.Tasks.Count != network.Tasks.Count)
            {
                throw new NotSupportedException(
                    $"{model.GetType().Name}: the PyTorch export knows models with at most one shared component and one head per task; this one has {parts.Shared.Count} shared components and {parts.Tasks.Count} heads for {network.Tasks.Count} tasks.");
            }

            var components = new List<PythonComponent>();
            var headFields = new string[parts.Tasks.Count];
            foreach (var (name, child) in model.named_children())
            {
                int head = IndexOf(parts.Tasks, child);
                if (head >= 0)
                {
                    headFields[head] = name;
                }

                // The shared part may be inside the component: an autoencoder shares its encoder only.
                bool shared = parts.Shared.Any(s => ReferenceEquals(s, child) || child.modules().Any(m => ReferenceEquals(m, s)));
                if (head >= 0 || shared)
                {
                    components.Add(PythonBlocks.Translate(name, child, isHead: head >= 0));
                }
                else if (child.state_dict().Count > 0)
                {
                    components.Add(new PythonComponent(name, ComponentRole.State, StateHolder(child)));
                }
            }

            Type type = model.GetType();
            var (input, output) = ForwardTypes(type);
            var declaration = type.GetCustomAttribute<MultiTaskModelAttribute>()
                ?? throw new NotSupportedException($"{type.Name} has no [MultiTaskModel] attribute; the PyTorch export reads generated models.");
            var autoencoder = type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(p => p.GetCustomAttribute<AutoencoderTrunkAttribute>()).FirstOrDefault(a => a is not null);
            var exported = new ExportedModel(
                type,
                network.Tasks,
                headFields,
                components,
                output.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters().Select(p => p.Name!).ToList(),
                declaration.InputSize,
                input != typeof(Tensor),
                type.GetCustomAttribute<SoftSharingAttribute>()?.Lambda,
                autoencoder?.ReconstructionWeight,
                network.Weighting.GetType().Name);
            if (exported.InputPerTask && exported.Trunk is { Role: not ComponentRole.Trunk } trunk)
            {
                throw new NotSupportedException($"{type.Name}: the PyTorch export does not know one input per task with the {trunk.Role} component '{trunk.Field}'.");
            }

            return exported;
        }

        private static int IndexOf(IReadOnlyList<nn.Module> modules, nn.Module module)
        {
            for (int i = 0; i < modules.Count; i++)
            {
                if (ReferenceEquals(modules[i], module))
                {
                    return i;
                }
            }

            return -1;
        }

        private static (Type Input, Type Output) ForwardTypes(Type type)
        {
            for (Type? t = type; t is not null; t = t.BaseType)
            {
                if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(nn.Module<,>))
                {
                    var arguments = t.GetGenericArguments();
                    return (arguments[0], arguments[1]);
                }
            }

            throw new NotSupportedException($"{type.Name} is not a torch.nn.Module<TInput, TOutput>; the PyTorch export reads generated models.");
        }

        private static string StateHolder(nn.Module module)
        {
            var parameters = module.named_parameters().Select(p => p.name).ToHashSet(StringComparer.Ordinal);
            var entries = module.state_dict().Select(e => $"({PythonText.String(e.Key)}, {PythonText.Ints(e.Value.shape)}, {PythonText.String(PythonDType(e.Value.dtype))}, {PythonText.Bool(parameters.Contains(e.Key))})");
            return $"StateHolder({PythonText.List(entries)})";
        }

        private static string PythonDType(ScalarType type) => type switch
        {
            ScalarType.Float64 => "float64",
            ScalarType.Float32 => "float32",
            ScalarType.Float16 => "float16",
            ScalarType.BFloat16 => "bfloat16",
            ScalarType.Int64 => "int64",
            ScalarType.Int32 => "int32",
            ScalarType.Int16 => "int16",
            ScalarType.Int8 => "int8",
            ScalarType.Byte => "uint8",
            ScalarType.Bool => "bool",
            _ => throw new NotSupportedException($"The PyTorch export does not hold {type} state."),
        };
    }
}

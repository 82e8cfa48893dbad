using Microsoft.CodeAnalysis;

namespace MultiTask.Generators.Model
{
    /// <summary>A diagnostic to report, with value equality (its message arguments are strings).</summary>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArgs)
            => new(descriptor, location, messageArgs.ToEquatableArray());

        public Diagnostic ToDiagnostic()
        {
            object?[] args = new object?[MessageArgs.Count];
            for (int i = 0; i < args.Length; i++)
            {
                args[i] = MessageArgs[i];
            }

            return Diagnostic.Create(Descriptor, Location?.ToLocation(), args);
        }
    }

    /// <summary>What the parser found for one model: the model to emit (null when it has errors) and the diagnostics to report.</summary>
    internal sealed record ModelResult(ModelInfo? Model, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        /// <summary>With declaration errors: the partial properties to implement with a body that throws; null otherwise.</summary>
        public StubInfo? Stub { get; init; }
    }

    /// <summary>A trunk or head attribute outside a model: MTL0017, and the property's throwing implementation when one can be written.</summary>
    internal sealed record OutsideModelResult(DiagnosticInfo Diagnostic)
    {
        /// <summary>The property's implementation, or null (another attribute of the property writes it, or none can be written).</summary>
        public StubInfo? Stub { get; init; }
    }
}

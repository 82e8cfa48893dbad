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
    internal sealed record ModelResult(ModelInfo? Model, EquatableArray<DiagnosticInfo> Diagnostics);
}

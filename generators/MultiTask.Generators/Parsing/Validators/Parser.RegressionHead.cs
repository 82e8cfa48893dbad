using MultiTask.Generators.Diagnostics;
using MultiTask.Generators.Emit;
using MultiTask.Generators.Model;

namespace MultiTask.Generators.Parsing
{
    /// <summary>The validator of <c>[RegressionHead]</c>: the values per row, the loss and the Huber delta (MTL0016 without the Huber loss).</summary>
    internal static partial class Parser
    {
        private static TaskInfo ReadRegression(string name, AttributeReader reader, ParseState state)
        {
            int outputs = reader.Int("Outputs") ?? 1;
            if (outputs <= 0)
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("Outputs"), name, "Outputs", Literals.Number(outputs), "a regression head predicts at least 1 value per row");
            }

            string? loss = ReadEnum(name, "Loss", "Mse", reader, state);

            double huberDelta = reader.Double("HuberDelta") ?? 1;
            if (!(IsFinite(huberDelta) && huberDelta > 0))
            {
                state.Report(DiagnosticDescriptors.InvalidArgument, reader.ArgumentLocation("HuberDelta"), name, "HuberDelta", Literals.Number(huberDelta), "expected a finite number > 0");
            }
            else if (reader.IsSet("HuberDelta") && loss is not (null or "Huber"))
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

            return new RegressionTaskInfo(outputs, loss ?? "Mse", huberDelta);
        }
    }
}

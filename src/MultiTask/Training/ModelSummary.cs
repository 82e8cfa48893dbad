using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using TorchSharp;

namespace MultiTask
{
    /// <summary>Parameter counts of a model's components.</summary>
    public sealed class ModelSummary
    {
        /// <summary>Counts the parameters of each component (a parameter shared by two components counts once in <see cref="Total"/>).</summary>
        public ModelSummary(string model, IReadOnlyList<(string Name, torch.nn.Module Module)> components)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(components);
            Model = model;
            var seen = new HashSet<IntPtr>();
            var rows = new List<(string Component, long Parameters)>();
            long total = 0;
            foreach (var (name, module) in components)
            {
                long count = 0;
                foreach (var parameter in module.parameters())
                {
                    count += parameter.numel();
                    if (seen.Add(parameter.Handle))
                    {
                        total += parameter.numel();
                    }
                }

                rows.Add((name, count));
            }

            Rows = rows;
            Total = total;
        }

        /// <summary>The model's name.</summary>
        public string Model { get; }

        /// <summary>One row per component: its name and parameter count.</summary>
        public IReadOnlyList<(string Component, long Parameters)> Rows { get; }

        /// <summary>Total number of distinct parameters.</summary>
        public long Total { get; }

        /// <summary>An aligned table: a header, one line per component, and the total.</summary>
        public override string ToString()
        {
            const string header = "Component";
            const string countHeader = "Parameters";
            static string Format(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
            var nameWidth = Rows.Select(r => r.Component.Length).Append(header.Length).Append("Total".Length).Max();
            var countWidth = Rows.Select(r => Format(r.Parameters).Length).Append(countHeader.Length).Append(Format(Total).Length).Max();
            var rule = new string('-', nameWidth + 2 + countWidth);
            var text = new StringBuilder();
            text.AppendLine(Model);
            text.AppendLine(header.PadRight(nameWidth) + "  " + countHeader.PadLeft(countWidth));
            text.AppendLine(rule);
            foreach (var (component, parameters) in Rows)
            {
                text.AppendLine(component.PadRight(nameWidth) + "  " + Format(parameters).PadLeft(countWidth));
            }

            text.AppendLine(rule);
            text.Append("Total".PadRight(nameWidth) + "  " + Format(Total).PadLeft(countWidth));
            return text.ToString();
        }
    }
}

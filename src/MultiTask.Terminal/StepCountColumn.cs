using System;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MultiTask.Terminal
{
    /// <summary>"step i/N" of a progress task (N unknown: "step i").</summary>
    internal sealed class StepCountColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var done = ((long)task.Value).ToString(CultureInfo.InvariantCulture);
            return new Text(task.IsIndeterminate ? $"step {done}" : $"step {done}/{((long)task.MaxValue).ToString(CultureInfo.InvariantCulture)}");
        }
    }
}

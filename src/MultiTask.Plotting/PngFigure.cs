using System;
using System.Collections.Generic;
using System.IO;
using ScottPlot;
using SkiaSharp;

namespace MultiTask.Plotting
{
    /// <summary>Renders plots to a PNG file: one plot, or panels side by side on one canvas.</summary>
    internal static class PngFigure
    {
        public static string Single(Plot plot, int width, int height, string path)
        {
            CheckSize(width, height);
            var full = Prepare(path);
            plot.SavePng(full, width, height);
            return full;
        }

        public static string SideBySide(IReadOnlyList<Plot> panels, int panelWidth, int height, string path)
        {
            CheckSize(panelWidth, height);
            var full = Prepare(path);
            using var surface = SKSurface.Create(new SKImageInfo(panelWidth * panels.Count, height));
            surface.Canvas.Clear(SKColors.White);
            for (var i = 0; i < panels.Count; i++)
            {
                using var bitmap = SKBitmap.Decode(panels[i].GetImageBytes(panelWidth, height, ImageFormat.Png));
                surface.Canvas.DrawBitmap(bitmap, i * panelWidth, 0);
            }

            using var image = surface.Snapshot();
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            using var file = File.Create(full);
            png.SaveTo(file);
            return full;
        }

        private static void CheckSize(int width, int height)
        {
            if (width <= 0 || height <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(width), $"A figure needs a positive size; got {width} x {height}.");
            }
        }

        private static string Prepare(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            return full;
        }
    }
}

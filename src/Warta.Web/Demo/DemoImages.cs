using SkiaSharp;

namespace Warta.Web.Demo;

/// <summary>Draws the demo's "photos": simple illustrations of the scene a caption describes, made here, owned by us.</summary>
public static class DemoImages
{
    public const int Width = 1200, Height = 675;

    public static readonly string[] Themes = ["skyline", "chart-up", "chart-down", "port", "factory", "harvest", "coins", "meeting", "road", "energy"];

    /// <summary>What a theme's picture shows, as its alternative text.</summary>
    public static string Describe(string theme) => theme switch
    {
        "chart-up" => "Grafik harga yang naik di layar pemantau pasar",
        "chart-down" => "Grafik harga yang turun di layar pemantau pasar",
        "port" => "Kapal dan peti kemas di dermaga pelabuhan",
        "factory" => "Pabrik dengan cerobong di kawasan industri",
        "harvest" => "Hamparan sawah dan hasil panen",
        "coins" => "Tumpukan koin dan uang tunai",
        "meeting" => "Peserta rapat di ruang pertemuan",
        "road" => "Jalan tol yang membelah kawasan pinggir kota",
        "energy" => "Instalasi pembangkit dan jaringan listrik",
        _ => "Gedung perkantoran di pusat kota",
    };

    public static byte[] Draw(string theme, int variant)
    {
        var random = new Random(HashCode.Combine(theme.Length, theme[0], theme[^1], variant));
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        var canvas = surface.Canvas;
        var hue = (variant * 47 + theme.Length * 13) % 360;
        Sky(canvas, hue, theme is "chart-up" or "chart-down");
        switch (theme)
        {
            case "skyline": Skyline(canvas, random); break;
            case "chart-up": Chart(canvas, random, up: true); break;
            case "chart-down": Chart(canvas, random, up: false); break;
            case "port": Port(canvas, random); break;
            case "factory": Factory(canvas, random); break;
            case "harvest": Harvest(canvas, random); break;
            case "coins": Coins(canvas, random); break;
            case "meeting": Meeting(canvas, random); break;
            case "road": Road(canvas, random); break;
            default: Energy(canvas, random); break;
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 92);
        return data.ToArray();
    }

    static SKPaint Fill(SKColor color) => new() { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
    static SKPaint Stroke(SKColor color, float width) => new() { Color = color, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width };

    static void Sky(SKCanvas canvas, int hue, bool dark)
    {
        var top = dark ? SKColor.FromHsl(220, 40, 12) : SKColor.FromHsl(hue % 60 + 190, 55, 62);
        var bottom = dark ? SKColor.FromHsl(220, 35, 22) : SKColor.FromHsl((hue % 40) + 20, 70, 82);
        using var paint = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, Height), [top, bottom], SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(0, 0, Width, Height, paint);
    }

    static void Skyline(SKCanvas canvas, Random r)
    {
        for (var layer = 0; layer < 2; layer++)
        {
            var x = -20f;
            using var building = Fill(layer == 0 ? new SKColor(90, 105, 130) : new SKColor(40, 50, 70));
            using var window = Fill(new SKColor(250, 220, 140, 200));
            while (x < Width)
            {
                var w = r.Next(60, 140);
                var h = r.Next(layer == 0 ? 250 : 150, layer == 0 ? 520 : 380);
                canvas.DrawRect(x, Height - h, w - 8, h, building);
                if (layer == 1)
                    for (var wy = Height - h + 16; wy < Height - 20; wy += 26)
                        for (var wx = x + 10; wx < x + w - 22; wx += 20)
                            if (r.NextDouble() < 0.45) canvas.DrawRect(wx, wy, 9, 13, window);
                x += w;
            }
        }
    }

    static void Chart(SKCanvas canvas, Random r, bool up)
    {
        using var grid = Stroke(new SKColor(255, 255, 255, 30), 1);
        for (var y = 80; y < Height; y += 80) canvas.DrawLine(0, y, Width, y, grid);
        for (var x = 100; x < Width; x += 100) canvas.DrawLine(x, 0, x, Height, grid);
        var price = up ? 480.0 : 220.0;
        using var green = Fill(new SKColor(38, 190, 120));
        using var red = Fill(new SKColor(230, 70, 70));
        using var wick = Stroke(new SKColor(220, 220, 220), 2);
        for (var i = 0; i < 40; i++)
        {
            var drift = (up ? -7 : 7) + r.Next(-22, 23);
            var open = price;
            var close = Math.Clamp(price + drift, 60, Height - 60);
            var x = 30 + i * 29f;
            var high = Math.Min(open, close) - r.Next(5, 30);
            var low = Math.Max(open, close) + r.Next(5, 30);
            canvas.DrawLine(x + 9, (float)high, x + 9, (float)low, wick);
            var rising = close < open;
            canvas.DrawRect(x, (float)Math.Min(open, close), 18, (float)Math.Max(3, Math.Abs(close - open)), rising ? green : red);
            price = close;
        }
    }

    static void Port(SKCanvas canvas, Random r)
    {
        using var sea = Fill(new SKColor(30, 80, 130));
        canvas.DrawRect(0, Height * 0.62f, Width, Height, sea);
        using var dock = Fill(new SKColor(70, 70, 75));
        canvas.DrawRect(0, Height * 0.55f, Width, 40, dock);
        SKColor[] colors = [new(200, 60, 50), new(40, 110, 180), new(230, 170, 40), new(60, 150, 90), new(140, 140, 150)];
        for (var x = 20; x < Width - 60; x += 64)
            for (var row = 0; row < r.Next(1, 5); row++)
            {
                using var box = Fill(colors[r.Next(colors.Length)]);
                canvas.DrawRect(x, Height * 0.55f - 34 * (row + 1), 60, 32, box);
            }
        using var crane = Stroke(new SKColor(240, 120, 30), 10);
        for (var c = 0; c < 3; c++)
        {
            var x = 200 + c * 350;
            canvas.DrawLine(x, Height * 0.55f, x, 90, crane);
            canvas.DrawLine(x - 60, 100, x + 220, 100, crane);
            canvas.DrawLine(x + 160, 100, x + 160, 230, Stroke(new SKColor(50, 50, 50), 3));
        }
        using var hull = Fill(new SKColor(25, 30, 40));
        canvas.DrawRect(100, Height * 0.66f, 700, 70, hull);
    }

    static void Factory(SKCanvas canvas, Random r)
    {
        using var ground = Fill(new SKColor(90, 95, 90));
        canvas.DrawRect(0, Height * 0.78f, Width, Height, ground);
        using var wall = Fill(new SKColor(120, 110, 105));
        canvas.DrawRect(150, 330, 900, Height * 0.78f - 330, wall);
        using var roof = Fill(new SKColor(80, 70, 70));
        for (var i = 0; i < 6; i++)
        {
            using var path = new SKPath();
            path.MoveTo(150 + i * 150, 330);
            path.LineTo(150 + i * 150 + 150, 330);
            path.LineTo(150 + i * 150 + 150, 270);
            path.Close();
            canvas.DrawPath(path, roof);
        }
        using var stack = Fill(new SKColor(150, 60, 50));
        using var smoke = Fill(new SKColor(235, 235, 235, 150));
        for (var s = 0; s < 3; s++)
        {
            var x = 300 + s * 220;
            canvas.DrawRect(x, 120, 40, 160, stack);
            for (var p = 0; p < 6; p++) canvas.DrawCircle(x + 20 + p * 18 + r.Next(10), 100 - p * 16, 18 + p * 5, smoke);
        }
    }

    static void Harvest(SKCanvas canvas, Random r)
    {
        using var sun = Fill(new SKColor(255, 215, 90));
        canvas.DrawCircle(950, 150, 70, sun);
        using var hill = Fill(new SKColor(70, 140, 70));
        canvas.DrawOval(300, 520, 700, 220, hill);
        for (var row = 0; row < 12; row++)
        {
            using var field = Fill(SKColor.FromHsl(95 + row % 3 * 8, 55, 28 + row * 2));
            canvas.DrawRect(0, 380 + row * 25, Width, 25, field);
        }
        using var stalk = Stroke(new SKColor(210, 190, 90), 3);
        for (var i = 0; i < 160; i++)
        {
            var x = r.Next(Width);
            var y = r.Next(420, Height);
            canvas.DrawLine(x, y, x + r.Next(-6, 7), y - r.Next(18, 40), stalk);
        }
    }

    static void Coins(SKCanvas canvas, Random r)
    {
        using var table = Fill(new SKColor(60, 45, 35));
        canvas.DrawRect(0, Height * 0.7f, Width, Height, table);
        using var gold = Fill(new SKColor(222, 178, 60));
        using var edge = Stroke(new SKColor(150, 110, 30), 3);
        for (var s = 0; s < 7; s++)
        {
            var x = 120 + s * 150;
            var n = r.Next(4, 14);
            for (var c = 0; c < n; c++)
            {
                var rect = new SKRect(x, Height * 0.72f - c * 18, x + 110, Height * 0.72f - c * 18 + 30);
                canvas.DrawOval(rect, gold);
                canvas.DrawOval(rect, edge);
            }
        }
        using var bar = Fill(new SKColor(240, 200, 80));
        canvas.DrawRect(820, Height * 0.75f, 260, 60, bar);
    }

    static void Meeting(SKCanvas canvas, Random r)
    {
        using var wall = Fill(new SKColor(225, 220, 210));
        canvas.DrawRect(0, 0, Width, Height * 0.6f, wall);
        using var screen = Fill(new SKColor(40, 60, 90));
        canvas.DrawRect(400, 60, 400, 220, screen);
        using var line = Stroke(new SKColor(90, 200, 150), 5);
        canvas.DrawLine(430, 240, 520, 180, line);
        canvas.DrawLine(520, 180, 620, 210, line);
        canvas.DrawLine(620, 210, 770, 100, line);
        using var table = Fill(new SKColor(110, 75, 50));
        canvas.DrawRect(150, 470, 900, 60, table);
        for (var p = 0; p < 6; p++)
        {
            using var person = Fill(SKColor.FromHsl(r.Next(360), 30, 30));
            var x = 220 + p * 150;
            canvas.DrawCircle(x, 360, 38, Fill(new SKColor(160, 120, 90)));
            canvas.DrawRoundRect(x - 55, 400, 110, 110, 30, 30, person);
        }
    }

    static void Road(SKCanvas canvas, Random r)
    {
        using var ground = Fill(new SKColor(80, 120, 70));
        canvas.DrawRect(0, Height * 0.45f, Width, Height, ground);
        using var asphalt = Fill(new SKColor(55, 55, 60));
        using var path = new SKPath();
        path.MoveTo(Width / 2f - 20, Height * 0.45f);
        path.LineTo(Width / 2f + 20, Height * 0.45f);
        path.LineTo(Width - 100, Height);
        path.LineTo(100, Height);
        path.Close();
        canvas.DrawPath(path, asphalt);
        using var mark = Fill(new SKColor(250, 250, 250));
        for (var i = 0; i < 8; i++)
        {
            var t = i / 8f;
            var y = Height * 0.45f + (Height * 0.55f) * t * t;
            var w = 4 + 14 * t;
            canvas.DrawRect(Width / 2f - w / 2, y, w, 10 + 40 * t, mark);
        }
        using var truck = Fill(new SKColor(200, 60, 40));
        canvas.DrawRect(330 + r.Next(40), 480, 170, 90, truck);
    }

    static void Energy(SKCanvas canvas, Random r)
    {
        using var ground = Fill(new SKColor(120, 150, 90));
        canvas.DrawRect(0, Height * 0.7f, Width, Height, ground);
        using var mast = Stroke(new SKColor(240, 240, 240), 8);
        using var blade = Stroke(new SKColor(250, 250, 250), 6);
        for (var t = 0; t < 4; t++)
        {
            var x = 150 + t * 260;
            var top = 180 + r.Next(60);
            canvas.DrawLine(x, Height * 0.7f, x, top, mast);
            var a = r.NextDouble() * Math.PI;
            for (var b = 0; b < 3; b++)
            {
                var angle = a + b * 2 * Math.PI / 3;
                canvas.DrawLine(x, top, x + (float)(110 * Math.Cos(angle)), top + (float)(110 * Math.Sin(angle)), blade);
            }
        }
        using var panel = Fill(new SKColor(30, 50, 110));
        for (var p = 0; p < 9; p++) canvas.DrawRect(40 + p * 125, Height * 0.78f, 110, 60, panel);
    }
}

using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using Warta.Web.Data;

namespace Warta.Web.Newsroom;

public sealed class MediaOptions
{
    public long MaxBytes { get; set; } = 15 * 1024 * 1024;
    public long MaxPixels { get; set; } = 40_000_000;
}

public sealed class MediaRejectedException(string message) : Exception(message);

/// <summary>
/// Takes an upload only if it decodes as a JPEG, PNG, WebP or GIF within the size and pixel limits, then re-encodes it:
/// nothing of the uploaded file but its pixels is kept (no EXIF, no trailing data), turned upright by its orientation.
/// </summary>
public sealed class MediaLibrary(WartaDb db, TimeProvider clock, MediaOptions options)
{
    /// <summary>Widths of the renditions kept beside the original, used in srcset.</summary>
    public static readonly int[] Widths = [320, 640, 1024];
    const int OriginalMaxEdge = 2000;

    public static string UrlOf(Guid id, string variant = "w1024") => $"/media/{id:N}/{variant}.jpg";

    public async Task<Media> ImportAsync(Stream content, string fileName, long? length, string? caption = null, string? credit = null, string? alt = null)
    {
        if (length > options.MaxBytes) throw new MediaRejectedException($"The file is larger than {options.MaxBytes / 1024 / 1024} MB.");
        using var buffer = new MemoryStream();
        await CopyLimitedAsync(content, buffer, options.MaxBytes);
        var bytes = buffer.ToArray();
        if (bytes.Length == 0) throw new MediaRejectedException("The file is empty.");

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new MediaRejectedException("This file is not an image Warta takes: upload a JPEG, PNG, WebP or GIF.");
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp or SKEncodedImageFormat.Gif))
            throw new MediaRejectedException($"{codec.EncodedFormat} images are not taken: upload a JPEG, PNG, WebP or GIF.");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0) throw new MediaRejectedException("The image has no pixels.");
        if ((long)info.Width * info.Height > options.MaxPixels)
            throw new MediaRejectedException($"The image is {info.Width}×{info.Height}; at most {options.MaxPixels / 1_000_000} megapixels are taken.");

        using var decoded = new SKBitmap(info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Premul));
        var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            throw new MediaRejectedException("The image could not be decoded: " + result + ".");
        using var upright = Orient(decoded, codec.EncodedOrigin);

        var media = new Media
        {
            Id = Guid.CreateVersion7(), FileName = Path.GetFileName(fileName).Length is > 0 and <= 200 ? Path.GetFileName(fileName) : "image",
            ContentType = "image/jpeg", Width = upright.Width, Height = upright.Height, Length = bytes.Length,
            Caption = caption, Credit = credit, Alt = alt, CreatedAt = clock.GetUtcNow(),
        };
        db.Media.Add(media);
        db.MediaFiles.Add(new MediaFile { MediaId = media.Id, Variant = "original", Bytes = Encode(upright, OriginalMaxEdge) });
        foreach (var width in Widths)
            db.MediaFiles.Add(new MediaFile { MediaId = media.Id, Variant = "w" + width, Bytes = Encode(upright, width, byWidth: true) });
        await db.SaveChangesAsync();
        return media;
    }

    static async Task CopyLimitedAsync(Stream source, Stream target, long max)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(chunk)) > 0)
        {
            total += read;
            if (total > max) throw new MediaRejectedException($"The file is larger than {max / 1024 / 1024} MB.");
            await target.WriteAsync(chunk.AsMemory(0, read));
        }
    }

    static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft) return source.Copy();
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height, source.ColorType, source.AlphaType);
        using var canvas = new SKCanvas(result);
        float w = result.Width, h = result.Height;
        // Maps each source pixel (x, y) to where it belongs in the upright image.
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }

    static byte[] Encode(SKBitmap image, int max, bool byWidth = false)
    {
        var scale = byWidth ? Math.Min(1.0, (double)max / image.Width) : Math.Min(1.0, (double)max / Math.Max(image.Width, image.Height));
        var w = Math.Max(1, (int)Math.Round(image.Width * scale));
        var h = Math.Max(1, (int)Math.Round(image.Height * scale));
        using var surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        // JPEG has no alpha: flatten onto white so transparent PNGs do not turn black.
        surface.Canvas.Clear(SKColors.White);
        using var paint = new SKPaint();
        using var source = SKImage.FromBitmap(image);
        surface.Canvas.DrawImage(source, new SKRect(0, 0, w, h), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Jpeg, 82);
        return encoded.ToArray();
    }

    public static void MapMediaFiles(IEndpointRouteBuilder app) =>
        app.MapGet("/media/{id:guid}/{variant}.jpg", async (Guid id, string variant, WartaDb db, HttpContext http) =>
        {
            if (variant.Length > 20) return Results.NotFound();
            var bytes = await db.MediaFiles.AsNoTracking().Where(f => f.MediaId == id && f.Variant == variant).Select(f => f.Bytes).FirstOrDefaultAsync();
            if (bytes is null) return Results.NotFound();
            // A media id's bytes never change, so browsers and proxies may keep them for a year.
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.File(bytes, "image/jpeg");
        });
}

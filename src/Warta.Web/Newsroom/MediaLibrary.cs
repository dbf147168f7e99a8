using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using SkiaSharp;
using Warta.Web.Data;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Newsroom;

public sealed class MediaOptions
{
    public long MaxBytes { get; set; } = 15 * 1024 * 1024;
    public long MaxPixels { get; set; } = 40_000_000;
    /// <summary>Images decoded at once on this node; more wait up to <see cref="DecodeWaitSeconds"/>, then get 503 "try again".</summary>
    public int MaxConcurrentDecodes { get; set; } = 2;
    /// <summary>Memory all decodes at once may take, in MB (an image takes 4 bytes a pixel, twice while it is turned upright).</summary>
    public int DecodeMemoryMB { get; set; } = 512;
    public int DecodeWaitSeconds { get; set; } = 10;
}

/// <summary>
/// Bounds image decoding on a node: a few decodes at once (a semaphore) within a memory budget. A small file can claim a
/// huge image, so what a decode will take is reckoned from its declared size before a pixel is decoded; a request that
/// finds no room in time is told to try again (503 with Retry-After) and nothing is stored.
/// </summary>
public sealed class DecodeGate(MediaOptions options) : IDisposable
{
    readonly SemaphoreSlim _slots = new(Math.Max(1, options.MaxConcurrentDecodes));
    long _reserved, _peak, _inUse;
    int _active, _peakActive;

    public long BudgetBytes => (long)options.DecodeMemoryMB * 1024 * 1024;
    /// <summary>The most decodes that ran at once, and the most memory reserved at once, since start (for tests and operators).</summary>
    public int PeakConcurrent => Volatile.Read(ref _peakActive);
    public long PeakBytes => Interlocked.Read(ref _peak);

    public async Task<IDisposable> EnterAsync(long bytes, CancellationToken cancellation = default)
    {
        if (bytes > BudgetBytes)
            throw new MediaRejectedException($"Decoding this image would take {bytes / 1024 / 1024} MB; at most {options.DecodeMemoryMB} MB is allowed.",
                $"Membuka gambar ini memerlukan {bytes / 1024 / 1024} MB memori; paling banyak {options.DecodeMemoryMB} MB.");
        if (!await _slots.WaitAsync(TimeSpan.FromSeconds(options.DecodeWaitSeconds), cancellation)) throw Busy();
        if (Interlocked.Add(ref _reserved, bytes) > BudgetBytes)
        {
            Interlocked.Add(ref _reserved, -bytes);
            _slots.Release();
            throw Busy();
        }
        var active = Interlocked.Increment(ref _active);
        UpdateMax(ref _peakActive, active);
        var inUse = Interlocked.Add(ref _inUse, bytes);
        long peak;
        while (inUse > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, inUse, peak) != peak) { }
        return new Lease(this, bytes);
    }

    static void UpdateMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    static Shared.TryAgainLaterException Busy() =>
        new("Other images are being processed right now; nothing was saved. Try again in a few seconds.", retryAfterSeconds: 5);

    void Leave(long bytes)
    {
        Interlocked.Decrement(ref _active);
        Interlocked.Add(ref _inUse, -bytes);
        Interlocked.Add(ref _reserved, -bytes);
        _slots.Release();
    }

    sealed class Lease(DecodeGate gate, long bytes) : IDisposable
    {
        int _left;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) gate.Leave(bytes);
        }
    }

    public void Dispose() => _slots.Dispose();
}

/// <summary>An upload that is not taken. <see cref="Exception.Message"/> is English (the API); <see cref="Indonesian"/> is for staff pages.</summary>
public sealed class MediaRejectedException(string english, string indonesian) : Exception(english)
{
    public string Indonesian { get; } = indonesian;
}


/// <summary>
/// Takes an upload only if it decodes completely as a JPEG, PNG, WebP or GIF within the size and pixel limits, then
/// re-encodes it: nothing of the uploaded file but its pixels is kept (no EXIF, no trailing data), turned upright by
/// its orientation. Every rendition is kept in JPEG and WebP at the widths of <see cref="MediaUrls.Widths"/>, never upscaled.
/// </summary>
public sealed partial class MediaLibrary(WartaDb db, TimeProvider clock, MediaOptions options, DecodeGate gate)
{
    const int OriginalMaxEdge = 2000;
    /// <summary>Longest edge taken at all: a 1×40,000,000 strip is within the pixel limit but no photo.</summary>
    const int MaxEdge = 20_000;
    const int JpegQuality = 82, WebpQuality = 78;

    static string VariantKey(int width, ImageFormat format) => format == ImageFormat.Webp ? $"w{width}.webp" : $"w{width}";

    /// <param name="renditionsOnDemand">
    /// Keep only the cleaned original now and make each rendition on its first request (demo seeding: dozens of photos
    /// of which a reader sees a few sizes; an upload makes them all at once so its first reader waits for nothing).
    /// </param>
    public async Task<Media> ImportAsync(Stream content, string fileName, long? length, string? caption = null, string? credit = null, string? alt = null, bool renditionsOnDemand = false)
    {
        var limitMb = options.MaxBytes / 1024.0 / 1024.0;
        if (length > options.MaxBytes) throw TooLarge(limitMb);
        using var buffer = new MemoryStream();
        await CopyLimitedAsync(content, buffer, options.MaxBytes, limitMb);
        var bytes = buffer.ToArray();
        if (bytes.Length == 0) throw new MediaRejectedException("The file is empty.", "Berkasnya kosong.");

        var (upright, lease) = await DecodeAsync(bytes);
        // The decode's room at the gate is held until every rendition is encoded from it.
        using var _ = lease;
        using var __ = upright;
        var media = new Media
        {
            Id = Guid.CreateVersion7(), FileName = Path.GetFileName(fileName).Length is > 0 and <= 200 ? Path.GetFileName(fileName) : "image",
            ContentType = "image/jpeg", Width = upright.Width, Height = upright.Height, Length = bytes.Length,
            Caption = caption, Credit = credit, Alt = alt, CreatedAt = clock.GetUtcNow(),
        };
        db.Media.Add(media);
        db.MediaFiles.Add(new MediaFile { MediaId = media.Id, Variant = "original", Bytes = Encode(upright, FitWithin(upright, OriginalMaxEdge), ImageFormat.Jpeg) });
        if (!renditionsOnDemand)
            foreach (var width in MediaUrls.RenditionWidths(upright.Width))
            foreach (var format in (ImageFormat[])[ImageFormat.Jpeg, ImageFormat.Webp])
                db.MediaFiles.Add(new MediaFile { MediaId = media.Id, Variant = VariantKey(width, format), Bytes = Encode(upright, width, format) });
        await db.SaveChangesAsync();
        return media;
    }

    static MediaRejectedException TooLarge(double limitMb) =>
        new($"The file is larger than {limitMb:0.#} MB.", $"Berkasnya lebih besar dari {limitMb:0.#} MB.");

    static MediaRejectedException NotAnImage() =>
        new("This file is not an image Warta takes: upload a JPEG, PNG, WebP or GIF (SVG is not taken).",
            "Berkas ini bukan gambar yang diterima Warta: unggah JPEG, PNG, WebP atau GIF (SVG tidak diterima).");

    /// <summary>
    /// Decodes the whole image and turns it upright, or refuses it; the pixel count is checked before any pixel is decoded,
    /// and the decode waits for room at the <see cref="DecodeGate"/>.
    /// </summary>
    async Task<(SKBitmap Upright, IDisposable Lease)> DecodeAsync(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw NotAnImage();
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp or SKEncodedImageFormat.Gif))
            throw NotAnImage();
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0) throw new MediaRejectedException("The image has no pixels.", "Gambarnya tidak berisi piksel.");
        if ((long)info.Width * info.Height > options.MaxPixels || info.Width > MaxEdge || info.Height > MaxEdge)
            throw new MediaRejectedException(
                $"The image is {info.Width}×{info.Height} pixels; at most {options.MaxPixels / 1e6:0.#} megapixels and {MaxEdge} pixels a side are taken.",
                $"Gambarnya berukuran {info.Width}×{info.Height} piksel; paling besar {options.MaxPixels / 1e6:0.#} megapiksel dan {MaxEdge} piksel per sisi.");

        // The decoded pixels, a second copy while turning upright, and the largest rendition being drawn.
        var upright = codec.EncodedOrigin == SKEncodedOrigin.TopLeft;
        var need = (long)info.Width * info.Height * 4 * (upright ? 1 : 2) + (long)OriginalMaxEdge * OriginalMaxEdge * 4;
        var lease = await gate.EnterAsync(need);
        var decoded = new SKBitmap(info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Premul));
        try
        {
            // Only a complete decode is taken: a truncated or corrupt file would otherwise be stored half grey.
            if (codec.GetPixels(decoded.Info, decoded.GetPixels()) != SKCodecResult.Success)
                throw new MediaRejectedException("The image is damaged or incomplete and could not be read.", "Gambarnya rusak atau tidak lengkap sehingga tidak dapat dibaca.");
            if (upright) return (decoded, lease);
            using (decoded) return (Orient(decoded, codec.EncodedOrigin), lease);
        }
        catch
        {
            decoded.Dispose();
            lease.Dispose();
            throw;
        }
    }

    static async Task CopyLimitedAsync(Stream source, Stream target, long max, double limitMb)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(chunk)) > 0)
        {
            total += read;
            if (total > max) throw TooLarge(limitMb);
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

    static int FitWithin(SKBitmap image, int maxEdge) =>
        image.Width >= image.Height ? Math.Min(image.Width, maxEdge) : Math.Max(1, (int)Math.Round(image.Width * Math.Min(1.0, (double)maxEdge / image.Height)));

    /// <summary>Scales to <paramref name="width"/> (never up) and encodes; transparent pixels are flattened onto white for both formats.</summary>
    static byte[] Encode(SKBitmap image, int width, ImageFormat format)
    {
        var w = Math.Clamp(width, 1, image.Width);
        var h = Math.Max(1, (int)Math.Round(image.Height * (double)w / image.Width));
        using var surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        using var paint = new SKPaint();
        using var source = SKImage.FromBitmap(image);
        surface.Canvas.DrawImage(source, new SKRect(0, 0, w, h), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        using var snapshot = surface.Snapshot();
        using var encoded = format == ImageFormat.Webp
            ? snapshot.Encode(SKEncodedImageFormat.Webp, WebpQuality)
            : snapshot.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return encoded.ToArray();
    }

    [GeneratedRegex("^(?<variant>original|w(?<width>[1-9][0-9]{0,4}))\\.(?<ext>jpg|webp)$")]
    private static partial Regex FileNamePattern();

    /// <summary>
    /// The bytes of one rendition. A rendition missing from an older upload (WebP, 1600 wide, or a standard width an older
    /// page still links to) is made once from the stored original and kept, so every address ever handed out keeps working.
    /// </summary>
    public async Task<(byte[] Bytes, string ContentType, string Variant)?> RenditionAsync(Guid id, string fileName)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success) return null;
        var format = match.Groups["ext"].Value == "webp" ? ImageFormat.Webp : ImageFormat.Jpeg;
        var contentType = format == ImageFormat.Webp ? "image/webp" : "image/jpeg";
        var stem = match.Groups["variant"].Value;
        if (stem == "original" && format == ImageFormat.Webp) return null;
        var variant = stem == "original" ? stem : VariantKey(int.Parse(match.Groups["width"].Value, System.Globalization.CultureInfo.InvariantCulture), format);

        var bytes = await db.MediaFiles.AsNoTracking().Where(f => f.MediaId == id && f.Variant == variant).Select(f => f.Bytes).FirstOrDefaultAsync();
        if (bytes is not null) return (bytes, contentType, variant);
        if (stem == "original") return null;

        var width = int.Parse(match.Groups["width"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var mediaWidth = await db.Media.AsNoTracking().Where(m => m.Id == id).Select(m => (int?)m.Width).FirstOrDefaultAsync();
        // Only the widths pages link to: anything else would let a caller fill the database with sizes of its choosing.
        if (mediaWidth is not { } known || !(MediaUrls.Widths.Contains(width) || MediaUrls.RenditionWidths(known).Contains(width))) return null;
        var original = await db.MediaFiles.AsNoTracking().Where(f => f.MediaId == id && f.Variant == "original").Select(f => f.Bytes).FirstOrDefaultAsync();
        if (original is null) return null;
        // A stored original is at most OriginalMaxEdge a side: room for it and the rendition's canvas.
        using (await gate.EnterAsync(2L * OriginalMaxEdge * OriginalMaxEdge * 4))
        using (var decoded = SKBitmap.Decode(original))
        {
            if (decoded is null) return null;
            bytes = Encode(decoded, width, format);
        }
        db.MediaFiles.Add(new MediaFile { MediaId = id, Variant = variant, Bytes = bytes });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another request (or node) stored the same rendition first; its bytes are as good as these.
            db.ChangeTracker.Clear();
        }
        return (bytes, contentType, variant);
    }

    public static void MapMediaFiles(IEndpointRouteBuilder app) =>
        app.MapGet("/media/{id:guid}/{file}", async Task<Results<NotFound, FileContentHttpResult>> (Guid id, string file, MediaLibrary library, HttpContext http) =>
        {
            if (await library.RenditionAsync(id, file) is not { } rendition) return TypedResults.NotFound();
            // A rendition's bytes never change, so its address is its version: browsers and proxies keep it for a year,
            // and the ETag (the address itself) answers a revalidation with 304 and no bytes.
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return TypedResults.File(rendition.Bytes, rendition.ContentType, entityTag: new EntityTagHeaderValue($"\"{id:N}-{rendition.Variant}\""));
        })
        // A media id's bytes never change and are the same for every reader: an hour in the cache saves the database a read per image.
        .WithMetadata(new CachedPageAttribute { Seconds = 3600, Tags = ["media"], Audiences = [Audience.Anonymous, Audience.Metered, Audience.Reader, Audience.Entitled] });
}

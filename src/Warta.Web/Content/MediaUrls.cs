namespace Warta.Web.Content;

public enum ImageFormat { Jpeg, Webp }

/// <summary>Addresses of a media item's renditions: what pages link to, and what the media library makes.</summary>
public static class MediaUrls
{
    /// <summary>Widths of the renditions used in srcset; an image narrower than one of them gets its own width instead.</summary>
    public static readonly int[] Widths = [320, 640, 1024, 1600];
    /// <summary>The JPEG rendition's address; <paramref name="variant"/> is <c>w320</c>…<c>w1600</c> or <c>original</c>.</summary>
    public static string UrlOf(Guid id, string variant = "w1024", ImageFormat format = ImageFormat.Jpeg) =>
        $"/media/{id:N}/{variant}.{(format == ImageFormat.Webp ? "webp" : "jpg")}";

    /// <summary>The widths kept for an image <paramref name="width"/> pixels wide: the standard widths below it and its own (capped).</summary>
    public static IReadOnlyList<int> RenditionWidths(int width)
    {
        var top = Math.Clamp(width, 1, Widths[^1]);
        return [.. Widths.Where(w => w < top), top];
    }

    /// <summary>A srcset of the renditions <paramref name="widths"/> in one format.</summary>
    public static string SrcSet(Guid id, IEnumerable<int> widths, ImageFormat format) =>
        string.Join(", ", widths.Select(w => $"{UrlOf(id, "w" + w, format)} {w}w"));

    /// <summary>The smallest rendition at least <paramref name="wanted"/> wide (or the largest there is): the plain <c>src</c> fallback.</summary>
    public static string FallbackUrl(Guid id, int width, int wanted) => UrlOf(id, "w" + FallbackWidth(width, wanted));

    /// <summary>The width of the rendition <see cref="FallbackUrl"/> names.</summary>
    public static int FallbackWidth(int width, int wanted)
    {
        var widths = RenditionWidths(width);
        return widths.FirstOrDefault(w => w >= wanted) is > 0 and var w ? w : widths[^1];
    }
}

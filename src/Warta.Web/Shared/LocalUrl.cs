
namespace Warta.Web.Shared;

public static class LocalUrl
{
    /// <summary>
    /// A path on this site, safe to redirect to or link: one leading slash, no second slash or backslash after it (browsers
    /// read <c>//host</c> and <c>/\host</c> as another site), no whitespace or control characters, at most 2,000 characters.
    /// </summary>
    public static bool IsLocalPath(string? url) =>
        url is { Length: > 0 and <= 2000 } && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\');

    /// <summary>A link that leaves this site: an absolute address with a host, or one that browsers read as such (<c>//host</c>, <c>/\host</c>).</summary>
    public static bool LeavesSite(string href)
    {
        var trimmed = href.Trim();
        if (trimmed.Length == 0 || trimmed[0] == '#' || IsLocalPath(trimmed)) return false;
        if (trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("/\\", StringComparison.Ordinal) || trimmed.StartsWith('\\')) return true;
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Warta.Web.Content.Paywall;

/// <summary>
/// What an anonymous reader's meter cookie says: a random meter id (the server counts reads against it) and, as the server
/// last wrote it, the month and the stories read in it, so the cache can tell a reader with reads left from one without.
/// </summary>
public sealed record MeterState(string Id, string Month, IReadOnlyList<string> Slugs)
{
    public static MeterState New(string month) => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), month, []);

    /// <summary>
    /// Whether, as the server last wrote it, this meter has no reads left in <paramref name="month"/> for the story at
    /// <paramref name="slug"/> (one it already read stays open). The cache policy and the paywall ask the same question, so a
    /// page served from the cut copy is the page the paywall would have rendered.
    /// </summary>
    public bool UsedUp(string month, int limit, string? slug) => Month == month && Slugs.Count >= limit && (slug is null || !Slugs.Contains(slug));
}

/// <summary>How the meter cookie read: absent, a valid state, or tampered with (which counts as a meter used up).</summary>
public readonly record struct MeterCookieRead(bool Present, MeterState? State)
{
    public bool Tampered => Present && State is null;
}

/// <summary>The anonymous meter's cookie, signed and encrypted with Data Protection: a forged or edited one does not read.</summary>
public sealed class MeterCookie(IDataProtectionProvider protection)
{
    public const string Name = "warta_meter";
    readonly IDataProtector _protector = protection.CreateProtector("Warta.Paywall.Meter.v1");

    public MeterCookieRead Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(Name, out var value)) return new(false, null);
        try
        {
            var state = JsonSerializer.Deserialize<MeterState>(_protector.Unprotect(value));
            return new(true, state is { Id.Length: 32, Month.Length: 7, Slugs: not null } ? state : null);
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return new(true, null);
        }
    }

    public string Protect(MeterState state) => _protector.Protect(JsonSerializer.Serialize(state));

    public void Write(HttpContext http, MeterState state) =>
        http.Response.Cookies.Append(Name, Protect(state), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = "/",
            // Relative, so the browser's clock decides: a meter outlives any month it counts.
            MaxAge = TimeSpan.FromDays(400),
        });
}

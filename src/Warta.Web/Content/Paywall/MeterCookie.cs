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

/// <summary>
/// The anonymous meter's cookie, signed and encrypted with Data Protection: a forged or edited one does not read.
/// Reading one costs a key derivation, an HMAC and a decryption; a reader whose meter is used up sends the same cookie with
/// every page (the cut page comes from the cache), so what a cookie string was read as is remembered. Only cookies that
/// read are remembered, keyed by their exact text: a forged or edited one is decrypted (and refused) every time, as before.
/// </summary>
public sealed class MeterCookie(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Name = "warta_meter";
    readonly IDataProtector _protector = protection.CreateProtector("Warta.Paywall.Meter.v1");
    readonly RecentReads _recent = new(clock);

    public MeterCookieRead Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(Name, out var value)) return new(false, null);
        if (_recent.TryGet(value, out var known)) return new(true, known);
        try
        {
            var state = JsonSerializer.Deserialize<MeterState>(_protector.Unprotect(value));
            if (state is not { Id.Length: 32, Month.Length: 7, Slugs: not null }) return new(true, null);
            _recent.Add(value, state);
            return new(true, state);
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

    /// <summary>
    /// Cookie texts read lately and what they said, in two generations: a lookup looks in the current one and the previous
    /// one; the current generation becomes the previous when it is full or <see cref="Lifetime"/> old, and the previous one
    /// is then dropped. So memory stays bounded (two generations of <see cref="Capacity"/>), a flood of valid cookies only
    /// pushes entries out, and nothing is remembered longer than three lifetimes (12 minutes): a key revoked from the ring
    /// stops being trusted within that.
    /// </summary>
    sealed class RecentReads(TimeProvider clock)
    {
        // A cookie and what it read take about 1 KB: two full generations stay near 20 MB.
        const int Capacity = 10_000;
        static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(4);
        readonly Lock _turn = new();
        volatile Generation _current = new(clock.GetUtcNow());
        volatile Generation _previous = new(clock.GetUtcNow());

        sealed class Generation(DateTimeOffset started)
        {
            public readonly DateTimeOffset Started = started;
            public readonly System.Collections.Concurrent.ConcurrentDictionary<string, MeterState> States = new(StringComparer.Ordinal);
        }

        public bool TryGet(string cookie, out MeterState state)
        {
            var current = _current;
            if (clock.GetUtcNow() - current.Started >= Lifetime) current = Turn(current);
            return current.States.TryGetValue(cookie, out state!) || _previous.States.TryGetValue(cookie, out state!);
        }

        public void Add(string cookie, MeterState state)
        {
            var current = _current;
            // Count takes every lock of the dictionary; it runs only here, after a decryption that costs far more.
            if (current.States.Count >= Capacity || clock.GetUtcNow() - current.Started >= Lifetime) current = Turn(current);
            current.States.TryAdd(cookie, state);
        }

        Generation Turn(Generation seen)
        {
            lock (_turn)
            {
                if (ReferenceEquals(seen, _current))
                {
                    var now = clock.GetUtcNow();
                    // A generation that started more than two lifetimes ago holds nothing worth keeping.
                    _previous = now - seen.Started < Lifetime * 2 ? seen : new Generation(now);
                    _current = new Generation(now);
                }
                return _current;
            }
        }
    }
}

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Warta.Web.Content.Paywall;

namespace Warta.Tests.Paywall;

/// <summary>
/// A reader whose meter is used up sends the same cookie with every page; what a valid cookie said is remembered for a few
/// minutes so the cut page comes from the cache without a decryption, while a forged cookie is checked (and refused) every time.
/// </summary>
public class MeterCookieReadTests
{
    /// <summary>Real Data Protection (an in-memory key ring) that counts how often a payload is decrypted.</summary>
    sealed class CountingProtection(IDataProtectionProvider inner) : IDataProtectionProvider
    {
        public int Unprotects;
        public IDataProtector CreateProtector(string purpose) => new Protector(this, inner.CreateProtector(purpose));

        sealed class Protector(CountingProtection owner, IDataProtector inner) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new Protector(owner, inner.CreateProtector(purpose));
            public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);
            public byte[] Unprotect(byte[] protectedData)
            {
                Interlocked.Increment(ref owner.Unprotects);
                return inner.Unprotect(protectedData);
            }
        }
    }

    static HttpContext WithCookie(string value)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = MeterCookie.Name + "=" + value;
        return http;
    }

    [Fact]
    public void A_valid_cookie_is_decrypted_once_and_read_the_same_every_time_after()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));
        var protection = new CountingProtection(new EphemeralDataProtectionProvider());
        var meter = new MeterCookie(protection, clock);
        var state = MeterState.New("2026-12") with { Slugs = ["satu", "dua"] };
        var cookie = meter.Protect(state);

        for (var i = 0; i < 3; i++)
        {
            var read = meter.Read(WithCookie(cookie));
            Assert.True(read.Present);
            Assert.Equal(state.Id, read.State!.Id);
            Assert.Equal(["satu", "dua"], read.State.Slugs);
        }
        Assert.Equal(1, protection.Unprotects);
    }

    [Fact]
    public void A_forged_or_edited_cookie_is_checked_every_time_and_never_reads()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));
        var protection = new CountingProtection(new EphemeralDataProtectionProvider());
        var meter = new MeterCookie(protection, clock);
        var cookie = meter.Protect(MeterState.New("2026-12"));
        Assert.NotNull(meter.Read(WithCookie(cookie)).State);
        var edited = cookie[..^2] + (cookie[^2] == 'A' ? "B" : "A") + cookie[^1];

        Assert.True(meter.Read(WithCookie(edited)).Tampered);
        Assert.True(meter.Read(WithCookie(edited)).Tampered);
        Assert.True(meter.Read(WithCookie("CfDJ8bukan-kue")).Tampered);
        Assert.True(meter.Read(WithCookie("CfDJ8bukan-kue")).Tampered);
        // The valid cookie once, the edited one each time; the made-up one is not even well-formed enough to decrypt.
        Assert.Equal(3, protection.Unprotects);
    }

    [Fact]
    public void A_remembered_cookie_is_decrypted_again_after_a_few_minutes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));
        var protection = new CountingProtection(new EphemeralDataProtectionProvider());
        var meter = new MeterCookie(protection, clock);
        var cookie = meter.Protect(MeterState.New("2026-12"));
        meter.Read(WithCookie(cookie));
        clock.Advance(TimeSpan.FromMinutes(11));

        Assert.NotNull(meter.Read(WithCookie(cookie)).State);
        Assert.Equal(2, protection.Unprotects);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Shared;

namespace Warta.Tests.Shared;

/// <summary>Cached reads keep a generation per tag only while something read under it can still be kept.</summary>
public class CachedReadsTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_tag_unused_for_longer_than_its_reads_live_is_let_go_and_its_next_read_is_made_afresh()
    {
        var reads = app.Services.GetRequiredService<CachedReads>();
        Assert.Equal("lama", await reads.GetOrReadAsync("uji:sekali", "judul", Minute, _ => Task.FromResult("lama")));
        Assert.Equal("lama", await reads.GetOrReadAsync("uji:sekali", "judul", Minute, _ => Task.FromResult("baru")));
        Assert.True(reads.Tracks("uji:sekali"));

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        // Any read may look for tags gone unused; this one is read often and stays.
        await reads.GetOrReadAsync("uji:sering", "judul", Minute, _ => Task.FromResult("tetap"));
        Assert.False(reads.Tracks("uji:sekali"));
        Assert.True(reads.Tracks("uji:sering"));

        // Read again, the tag gets a generation nothing was kept under: whatever the cache still holds is never handed out.
        Assert.Equal("baru", await reads.GetOrReadAsync("uji:sekali", "judul", Minute, _ => Task.FromResult("baru")));
    }

    [Fact]
    public async Task A_change_still_drops_what_was_read_before_it()
    {
        var reads = app.Services.GetRequiredService<CachedReads>();
        Assert.Equal(1, await reads.GetOrReadAsync("uji:berubah", "jumlah", Minute, _ => Task.FromResult(1)));
        reads.ForgetHere("uji:berubah");
        Assert.Equal(2, await reads.GetOrReadAsync("uji:berubah", "jumlah", Minute, _ => Task.FromResult(2)));
        // A change to a tag this node no longer tracks needs nothing: its next read is fresh anyway.
        reads.ForgetHere("uji:tidak-pernah-dibaca");
        Assert.False(reads.Tracks("uji:tidak-pernah-dibaca"));
    }
}

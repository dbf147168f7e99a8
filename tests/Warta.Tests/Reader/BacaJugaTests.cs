using Warta.Web.Reader;

namespace Warta.Tests.Reader;

public class BacaJugaPlacementTests
{
    static bool[] Paragraphs(int n) => Enumerable.Repeat(true, n).ToArray();

    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 3)]
    [InlineData(5, 2)]
    [InlineData(8, 3)]
    [InlineData(12, 3)]
    [InlineData(30, 5)]
    public void Never_first_never_last_never_adjacent(int paragraphs, int links)
    {
        var gaps = BacaJugaPlacement.Gaps(Paragraphs(paragraphs), links);
        Assert.All(gaps, g => Assert.InRange(g, 1, paragraphs - 1));
        for (var i = 1; i < gaps.Count; i++) Assert.True(gaps[i] - gaps[i - 1] >= 2, $"gaps {gaps[i - 1]} and {gaps[i]} are adjacent");
        Assert.True(gaps.Count <= links);
    }

    [Fact]
    public void Spreads_links_through_the_story()
    {
        Assert.Equal([3, 6, 9], BacaJugaPlacement.Gaps(Paragraphs(12), 3));
        Assert.Equal([4], BacaJugaPlacement.Gaps(Paragraphs(8), 1));
    }

    [Fact]
    public void A_short_story_takes_as_many_as_fit()
    {
        Assert.Empty(BacaJugaPlacement.Gaps(Paragraphs(1), 3));
        Assert.Single(BacaJugaPlacement.Gaps(Paragraphs(3), 3));
        Assert.Equal(2, BacaJugaPlacement.Gaps(Paragraphs(5), 3).Count);
    }

    [Fact]
    public void Only_between_two_paragraphs_not_beside_a_heading_or_quote()
    {
        // p h2 p p blockquote p p
        bool[] blocks = [true, false, true, true, false, true, true];
        var gaps = BacaJugaPlacement.Gaps(blocks, 3);
        Assert.All(gaps, g => Assert.True(blocks[g - 1] && blocks[g]));
        Assert.Equal([3, 6], gaps);
    }
}

public class BacaJugaPickerTests
{
    static readonly DateTimeOffset Now = new(2023, 5, 5, 3, 0, 0, TimeSpan.Zero);
    const int Ekonomi = 1, Investasi = 2, Properti = 3;
    const int Rupiah = 10, SukuBunga = 11, BankIndonesia = 12, Ihsg = 13, Kpr = 14;

    static RelatedCandidate Story(int n, string title, int channel, int[] tags, double daysAgo) =>
        new(new Guid(n, 0, 0, new byte[8]), title, channel, tags, Now.AddDays(-daysAgo));

    [Fact]
    public void Chooses_by_shared_tags_then_channel_and_words_then_recency()
    {
        var story = Story(1, "Bank Indonesia Tahan Suku Bunga, Rupiah Menguat", Ekonomi, [Rupiah, SukuBunga, BankIndonesia], 0);
        var corpus = new[]
        {
            Story(2, "Rupiah Ditutup Menguat Usai Keputusan Bank Indonesia", Ekonomi, [Rupiah, BankIndonesia], 1),   // 2 tags, channel, words
            Story(3, "Suku Bunga KPR Mulai Turun di Bank Daerah", Properti, [SukuBunga, Kpr], 2),                     // 1 tag, a word
            Story(4, "IHSG Menguat Ditopang Saham Perbankan", Investasi, [Ihsg], 0.5),                               // only a word
            Story(5, "Harga Cabai Naik Jelang Lebaran", Ekonomi, [], 0.1),                                            // only the channel
            Story(6, "Tim Sepak Bola Juara Liga", 9, [], 0),                                                         // nothing shared
            story,                                                                                                   // the story itself
        };

        var picks = BacaJugaPicker.Pick(story, corpus, 3, Now).Select(p => p.Title).ToList();

        Assert.Equal(
            ["Rupiah Ditutup Menguat Usai Keputusan Bank Indonesia", "Suku Bunga KPR Mulai Turun di Bank Daerah", "Harga Cabai Naik Jelang Lebaran"],
            picks);
    }

    [Fact]
    public void Never_offers_the_story_itself_a_future_story_or_an_unrelated_one()
    {
        var story = Story(1, "Ekspor Nikel Melonjak", Ekonomi, [Rupiah], 0);
        var corpus = new[] { story, Story(2, "Ekspor Nikel Terus Naik", Ekonomi, [Rupiah], -1), Story(3, "Konser Musik Akhir Pekan", 9, [], 0) };
        Assert.Empty(BacaJugaPicker.Pick(story, corpus, 3, Now));
    }

    [Fact]
    public void Recency_breaks_a_tie()
    {
        var story = Story(1, "Harga Emas Antam Naik", Investasi, [Ihsg], 0);
        var older = Story(2, "Sentimen Pasar Pekan Ini", Investasi, [Ihsg], 30);
        var newer = Story(3, "Sentimen Pasar Hari Ini", Investasi, [Ihsg], 1);
        Assert.Equal([newer.Id, older.Id], BacaJugaPicker.Pick(story, [older, newer], 2, Now).Select(p => p.Id));
    }
}

using Warta.Web.Reader;

namespace Warta.Tests.Reader;

/// <summary>The picker's arithmetic and word rules, each checked to its exact value.</summary>
public class BacaJugaRulesTests
{
    static readonly DateTimeOffset Now = new(2023, 5, 5, 3, 0, 0, TimeSpan.Zero);

    static RelatedCandidate Story(int n, string title, int channel, int[] tags, double daysAgo) =>
        new(new Guid(n, 0, 0, new byte[8]), title, channel, tags, Now.AddDays(-daysAgo));

    [Fact]
    public void Headline_words_drop_every_stop_word_short_words_and_case()
    {
        const string stopWords = "yang dan dari untuk pada dengan ini itu akan dalam atas oleh jadi para bagi atau juga tak tidak masih sudah "
                                 + "lebih hingga usai saat karena agar bisa ada per the and jelang kian makin tahun persen";
        Assert.Empty(BacaJugaPicker.TitleWords(stopWords));
        Assert.Empty(BacaJugaPicker.TitleWords(stopWords.ToUpperInvariant()));
        Assert.Equal(["rupiah", "menguat", "bi7", "rate"], BacaJugaPicker.TitleWords("Rupiah, RUPIAH menguat di BI7-Rate ke 6 %").ToList());
        Assert.Equal(["ihsg"], BacaJugaPicker.TitleWords("IHSG").ToList());
        Assert.Empty(BacaJugaPicker.TitleWords("RI & AS: 5 ke 10"));
    }

    [Fact]
    public void Scores_three_per_shared_tag_one_for_the_channel_four_times_the_word_overlap_and_recency()
    {
        var story = Story(1, "Rupiah menguat tajam", 1, [10, 11, 12], 0);
        // Shares tags 10 and 11, the channel, and two of four distinct words (1/2); published one day ago.
        var candidate = Story(2, "Rupiah menguat lagi", 1, [10, 11, 99], 1);
        Assert.Equal(3 * 2 + 1 + 4 * 0.5 + 0.5, BacaJugaPicker.Score(story, candidate, Now), 10);

        var otherChannel = Story(3, "Saham perbankan", 2, [12], 3);
        Assert.Equal(3 + 0.25, BacaJugaPicker.Score(story, otherChannel, Now), 10);

        var channelOnly = Story(4, "Cabai mahal", 1, [], 0);
        Assert.Equal(1 + 1, BacaJugaPicker.Score(story, channelOnly, Now), 10);

        var wordsOnly = Story(5, "Rupiah menguat tajam", 7, [], 0);
        Assert.Equal(4 + 1, BacaJugaPicker.Score(story, wordsOnly, Now), 10);

        // A story dated after "now" counts as brand new rather than earning more than a full recency point.
        var ahead = Story(6, "Cabai mahal", 1, [], -2);
        Assert.Equal(2, BacaJugaPicker.Score(story, ahead, Now), 10);

        Assert.Equal(0, BacaJugaPicker.Score(story, Story(7, "Konser musik", 7, [], 0), Now));
        Assert.Equal(0, BacaJugaPicker.Score(Story(8, "di ke", 7, [], 0), Story(9, "se of", 8, [], 0), Now));
    }

    [Fact]
    public void Keeps_the_best_few_in_score_order_whatever_order_they_come_in()
    {
        var story = Story(1, "Rupiah menguat", 1, [10, 11, 12], 0);
        var three = Story(2, "Satu", 2, [10, 11, 12], 5);
        var two = Story(3, "Dua", 2, [10, 11], 5);
        var one = Story(4, "Tiga", 2, [10], 5);
        var channel = Story(5, "Empat", 1, [], 5);
        RelatedCandidate[] ordered = [three, two, one, channel];
        foreach (var pool in new[] { ordered, ordered.Reverse().ToArray(), [one, three, channel, two] })
        {
            Assert.Equal([three.Id, two.Id], BacaJugaPicker.Pick(story, pool, 2, Now).Select(p => p.Id));
            Assert.Equal([three.Id, two.Id, one.Id, channel.Id], BacaJugaPicker.Pick(story, pool, 9, Now).Select(p => p.Id));
            Assert.Empty(BacaJugaPicker.Pick(story, pool, 0, Now));
        }
    }

    [Fact]
    public void A_story_published_exactly_now_may_be_offered()
    {
        var story = Story(1, "Rupiah menguat", 1, [10], 3);
        var justNow = Story(2, "Rupiah melemah", 1, [10], 0);
        Assert.Equal([justNow.Id], BacaJugaPicker.Pick(story, [justNow], 3, Now).Select(p => p.Id));
    }

    [Fact]
    public void Equal_scores_go_to_the_newer_story_whichever_comes_first()
    {
        var story = Story(1, "Rupiah menguat", 1, [10], 0);
        // Seven hundred thousand days back, one tick apart: the recency bonus is the same double for both, so only the
        // tie-break can order them.
        var a = new RelatedCandidate(new Guid(2, 0, 0, new byte[8]), "Satu", 1, [10], Now.AddDays(-700_000));
        var b = new RelatedCandidate(new Guid(3, 0, 0, new byte[8]), "Dua", 1, [10], a.PublishedAt.AddTicks(1));
        Assert.Equal(BacaJugaPicker.Score(story, a, Now), BacaJugaPicker.Score(story, b, Now));
        Assert.Equal([b.Id, a.Id], BacaJugaPicker.Pick(story, [a, b], 2, Now).Select(p => p.Id));
        Assert.Equal([b.Id, a.Id], BacaJugaPicker.Pick(story, [b, a], 2, Now).Select(p => p.Id));
        Assert.Equal([b.Id], BacaJugaPicker.Pick(story, [a, b], 1, Now).Select(p => p.Id));
    }
}

/// <summary>Placement on mixed blocks, to the exact gap.</summary>
public class BacaJugaGapTests
{
    [Fact]
    public void Takes_the_gap_nearest_the_ideal_and_the_earlier_of_two_equally_near()
    {
        // Six paragraphs, one link: the ideal is gap 3, allowed.
        Assert.Equal([3], BacaJugaPlacement.Gaps([true, true, true, true, true, true], 1));
        // p p h p p: ideal 2.5, allowed gaps 1 and 4 — equally near, the earlier wins.
        Assert.Equal([1], BacaJugaPlacement.Gaps([true, true, false, true, true], 1));
        // p p p p h: ideal 2.5, allowed 1, 2, 3 — 2 and 3 equally near, the earlier wins.
        Assert.Equal([2], BacaJugaPlacement.Gaps([true, true, true, true, false], 1));
    }

    [Fact]
    public void Never_returns_a_gap_beside_a_non_paragraph_even_when_asked_for_many()
    {
        Assert.Equal([1, 3], BacaJugaPlacement.Gaps([true, true, true, true], 5));
        Assert.Empty(BacaJugaPlacement.Gaps([false, true, false, true], 2));
        Assert.Empty(BacaJugaPlacement.Gaps([], 2));
        Assert.Empty(BacaJugaPlacement.Gaps([true, true, true], 0));
        Assert.Equal([2], BacaJugaPlacement.Gaps([false, true, true], 2));
        Assert.Equal([1], BacaJugaPlacement.Gaps([true, true, false], 2));
    }
}

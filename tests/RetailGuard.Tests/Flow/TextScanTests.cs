using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace RetailGuard.Tests.Flow
{
    /// <summary>The text search that lets the suppression trace skip trees: it may say yes wrongly, never no wrongly.</summary>
    public class TextScanTests
    {
        [Theory]
        [InlineData(0)]
        [InlineData(4090)]
        [InlineData(4085)]
        [InlineData(4095)]
        [InlineData(20000)]
        public void WordAnywhere_IsFound_AlsoAcrossTheChunksTheTextIsReadIn(int at)
        {
            var text = SourceText.From(new string(' ', at) + "[SuppressMessage(\"a\", \"b\")]" + new string(' ', 100));

            Assert.True(TextScan.MayContain(text, "SuppressMessage"));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(4095)]
        [InlineData(4096)]
        public void UnicodeEscape_MayHoldTheWord(int at)
        {
            var text = SourceText.From(new string(' ', at) + "[Suppress\\u004Dessage(\"a\", \"b\")]");

            Assert.True(TextScan.MayContain(text, "SuppressMessage"));
        }

        [Fact]
        public void TextWithoutTheWord_DoesNotHoldIt()
        {
            var text = SourceText.From(new string('x', 9000) + "[Suppress Message] SuppressMessag" + new string('y', 9000) + "uppressMessage");

            Assert.False(TextScan.MayContain(text, "SuppressMessage"));
            Assert.False(TextScan.MayContain(SourceText.From(string.Empty), "SuppressMessage"));
        }
    }
}

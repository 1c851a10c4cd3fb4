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

            Assert.True(TextScan.MayContainIdentifier(text, "SuppressMessage"));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(4095)]
        [InlineData(4096)]
        public void UnicodeEscape_MayHoldTheWord(int at)
        {
            var text = SourceText.From(new string(' ', at) + "[Suppress\\u004Dessage(\"a\", \"b\")]");

            Assert.True(TextScan.MayContainIdentifier(text, "SuppressMessage"));
        }

        [Theory]
        [InlineData("\u00AD")]
        [InlineData("\u200D")]
        public void FormattingCharacter_MayHideTheWord(string format)
        {
            var text = SourceText.From(new string(' ', 5000) + "[Suppress" + format + "Message(\"a\", \"b\")]");

            Assert.True(TextScan.MayContainIdentifier(text, "SuppressMessage"));
        }

        [Fact]
        public void TextWithoutTheWord_DoesNotHoldIt()
        {
            // Japanese comments and strings (letters, not formatting characters) do not make a text a candidate.
            var text = SourceText.From(new string('x', 9000) + "[Suppress Message] SuppressMessag // 他社の顧客" + new string('y', 9000) + "uppressMessage");

            Assert.False(TextScan.MayContainIdentifier(text, "SuppressMessage"));
            Assert.False(TextScan.MayContainIdentifier(SourceText.From(string.Empty), "SuppressMessage"));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RetailGuard.Policy
{
    internal enum JsonKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>A JSON value that remembers where it stood in the policy file, so diagnostics point at it.</summary>
    internal sealed class JsonValue
    {
        public JsonValue(JsonKind kind, int start, int length, string? text, List<JsonMember>? members, List<JsonValue>? items)
        {
            Kind = kind;
            Start = start;
            Length = length;
            Text = text;
            Members = members;
            Items = items;
        }

        public JsonKind Kind { get; }

        public int Start { get; }

        public int Length { get; }

        /// <summary>The decoded string, or the number's text.</summary>
        public string? Text { get; }

        public List<JsonMember>? Members { get; }

        public List<JsonValue>? Items { get; }
    }

    internal sealed class JsonMember
    {
        public JsonMember(string name, int nameStart, int nameLength, JsonValue value)
        {
            Name = name;
            NameStart = nameStart;
            NameLength = nameLength;
            Value = value;
        }

        public string Name { get; }

        public int NameStart { get; }

        public int NameLength { get; }

        public JsonValue Value { get; }
    }

    internal sealed class JsonParseException : Exception
    {
        public JsonParseException(string message, int offset)
            : base(message)
        {
            Offset = offset;
        }

        public int Offset { get; }
    }

    /// <summary>
    /// A small strict JSON reader (RFC 8259) with positions. RetailGuard does not depend on a JSON library:
    /// analyzer hosts are known to fail loading one that differs from their own.
    /// </summary>
    internal sealed class JsonReader
    {
        private const int MaxDepth = 64;
        private readonly string _text;
        private int _pos;

        private JsonReader(string text)
        {
            _text = text;
        }

        public static JsonValue Parse(string text)
        {
            var reader = new JsonReader(text);
            reader.SkipWhitespace();
            if (reader._pos < text.Length && text[reader._pos] == '\uFEFF')
            {
                reader._pos++;
                reader.SkipWhitespace();
            }

            var value = reader.ReadValue(0);
            reader.SkipWhitespace();
            if (reader._pos < text.Length)
            {
                throw new JsonParseException("unexpected text after the end of the JSON document", reader._pos);
            }

            return value;
        }

        private JsonValue ReadValue(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new JsonParseException("the document is nested too deeply", _pos);
            }

            if (_pos >= _text.Length)
            {
                throw new JsonParseException("unexpected end of the document; a value was expected", _pos);
            }

            char c = _text[_pos];
            switch (c)
            {
                case '{':
                    return ReadObject(depth);
                case '[':
                    return ReadArray(depth);
                case '"':
                    {
                        int start = _pos;
                        string s = ReadString();
                        return new JsonValue(JsonKind.String, start, _pos - start, s, null, null);
                    }

                case 't':
                    return ReadWord("true", JsonKind.True);
                case 'f':
                    return ReadWord("false", JsonKind.False);
                case 'n':
                    return ReadWord("null", JsonKind.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ReadNumber();
                    }

                    throw new JsonParseException($"unexpected character '{Printable(c)}'; a value was expected", _pos);
            }
        }

        private JsonValue ReadObject(int depth)
        {
            int start = _pos;
            _pos++;
            var members = new List<JsonMember>();
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                return new JsonValue(JsonKind.Object, start, _pos - start, null, members, null);
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw new JsonParseException("a property name in double quotes was expected", _pos);
                }

                int nameStart = _pos;
                string name = ReadString();
                int nameLength = _pos - nameStart;
                SkipWhitespace();
                if (Peek() != ':')
                {
                    throw new JsonParseException("':' was expected after the property name", _pos);
                }

                _pos++;
                SkipWhitespace();
                var value = ReadValue(depth + 1);
                members.Add(new JsonMember(name, nameStart, nameLength, value));
                SkipWhitespace();
                char c = Peek();
                if (c == ',')
                {
                    _pos++;
                    continue;
                }

                if (c == '}')
                {
                    _pos++;
                    return new JsonValue(JsonKind.Object, start, _pos - start, null, members, null);
                }

                throw new JsonParseException("',' or '}' was expected", _pos);
            }
        }

        private JsonValue ReadArray(int depth)
        {
            int start = _pos;
            _pos++;
            var items = new List<JsonValue>();
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                return new JsonValue(JsonKind.Array, start, _pos - start, null, null, items);
            }

            while (true)
            {
                SkipWhitespace();
                items.Add(ReadValue(depth + 1));
                SkipWhitespace();
                char c = Peek();
                if (c == ',')
                {
                    _pos++;
                    continue;
                }

                if (c == ']')
                {
                    _pos++;
                    return new JsonValue(JsonKind.Array, start, _pos - start, null, null, items);
                }

                throw new JsonParseException("',' or ']' was expected", _pos);
            }
        }

        private string ReadString()
        {
            int start = _pos;
            _pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    throw new JsonParseException("unterminated string", start);
                }

                char c = _text[_pos++];
                if (c == '"')
                {
                    return sb.ToString();
                }

                if (c < ' ')
                {
                    throw new JsonParseException("control character in a string", _pos - 1);
                }

                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }

                if (_pos >= _text.Length)
                {
                    throw new JsonParseException("unterminated escape sequence", _pos - 1);
                }

                char e = _text[_pos++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length ||
                            !int.TryParse(_text.Substring(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                        {
                            throw new JsonParseException("invalid \\u escape sequence", _pos - 2);
                        }

                        sb.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        throw new JsonParseException($"invalid escape sequence '\\{Printable(e)}'", _pos - 2);
                }
            }
        }

        private JsonValue ReadNumber()
        {
            int start = _pos;
            if (Peek() == '-')
            {
                _pos++;
            }

            if (!IsDigit(Peek()))
            {
                throw new JsonParseException("invalid number", start);
            }

            while (IsDigit(Peek()) || Peek() == '.' || Peek() == 'e' || Peek() == 'E' || Peek() == '+' || Peek() == '-')
            {
                _pos++;
            }

            string text = _text.Substring(start, _pos - start);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                throw new JsonParseException($"invalid number '{text}'", start);
            }

            return new JsonValue(JsonKind.Number, start, _pos - start, text, null, null);
        }

        private JsonValue ReadWord(string word, JsonKind kind)
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
            {
                throw new JsonParseException($"unexpected character '{Printable(_text[_pos])}'; a value was expected", _pos);
            }

            int start = _pos;
            _pos += word.Length;
            return new JsonValue(kind, start, word.Length, null, null, null);
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static string Printable(char c) => c < ' ' ? "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString();

        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                {
                    _pos++;
                }
                else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
                {
                    // Comments are accepted, as in editorconfig-style JSON files users write by hand.
                    while (_pos < _text.Length && _text[_pos] != '\n')
                    {
                        _pos++;
                    }
                }
                else
                {
                    return;
                }
            }
        }
    }
}

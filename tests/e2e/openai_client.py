"""lotse through the official openai client: a plain and a streamed chat completion.

Usage: python3 openai_client.py http://127.0.0.1:PORT
Prints both answers; exits non-zero if they differ or carry no sources.
"""
import sys

from openai import OpenAI

client = OpenAI(base_url=sys.argv[1] + "/v1", api_key="not-needed")
question = [{"role": "user", "content": "Wie viele Tage pro Woche darf ich mobil arbeiten?"}]

models = [m.id for m in client.models.list()]
assert "lotse" in models, models

plain = client.chat.completions.create(model="lotse", messages=question)
answer = plain.choices[0].message.content
print(answer)

stream = client.chat.completions.create(model="lotse", messages=question, stream=True)
streamed = "".join(chunk.choices[0].delta.content or "" for chunk in stream)
print(streamed)

assert streamed == answer, "streamed and plain answers differ"
assert "[1]" in answer, "no citation marker"

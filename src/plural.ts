// "1 question", "3 questions": counts in messages, explanations and outputs. A module of its own, so that the
// reader can count without loading the reporters or the writers.
export const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

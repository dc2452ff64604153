use super::*;

impl Avx512vnni {
	delegate!({
		fn _mm512_dpbusd_epi32(src: __m512i, a: __m512i, b: __m512i) -> __m512i;
		fn _mm512_dpbusds_epi32(src: __m512i, a: __m512i, b: __m512i) -> __m512i;
		fn _mm512_dpwssd_epi32(src: __m512i, a: __m512i, b: __m512i) -> __m512i;
		fn _mm512_dpwssds_epi32(src: __m512i, a: __m512i, b: __m512i) -> __m512i;
		fn _mm256_dpbusd_epi32(src: __m256i, a: __m256i, b: __m256i) -> __m256i;
		fn _mm256_dpbusds_epi32(src: __m256i, a: __m256i, b: __m256i) -> __m256i;
		fn _mm256_dpwssd_epi32(src: __m256i, a: __m256i, b: __m256i) -> __m256i;
		fn _mm256_dpwssds_epi32(src: __m256i, a: __m256i, b: __m256i) -> __m256i;
		fn _mm_dpbusd_epi32(src: __m128i, a: __m128i, b: __m128i) -> __m128i;
		fn _mm_dpbusds_epi32(src: __m128i, a: __m128i, b: __m128i) -> __m128i;
		fn _mm_dpwssd_epi32(src: __m128i, a: __m128i, b: __m128i) -> __m128i;
		fn _mm_dpwssds_epi32(src: __m128i, a: __m128i, b: __m128i) -> __m128i;
	});
}
